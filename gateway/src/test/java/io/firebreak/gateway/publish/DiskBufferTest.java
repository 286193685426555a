package io.firebreak.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskBufferTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepOrderAndSurviveARestart() {
        DiskBuffer buffer = new DiskBuffer(dir, 10);
        for (int i = 0; i < 5; i++) {
            buffer.append(message(i));
        }
        DiskBuffer reopened = new DiskBuffer(dir, 10);
        assertThat(payloads(reopened.peek(10))).containsExactly("0", "1", "2", "3", "4");
        reopened.append(message(5));
        assertThat(payloads(reopened.peek(10))).endsWith("5");
    }

    @Test
    void shouldDropTheOldestAndCountItWhenFull() {
        DiskBuffer buffer = new DiskBuffer(dir, 3);
        for (int i = 0; i < 5; i++) {
            buffer.append(message(i));
        }
        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(payloads(buffer.peek(10))).containsExactly("2", "3", "4");
    }

    @Test
    void shouldRemoveByPlaceInLineNotByCount() {
        DiskBuffer buffer = new DiskBuffer(dir, 3);
        buffer.append(message(0));
        buffer.append(message(1));
        List<DiskBuffer.Entry> inFlight = buffer.peek(2);
        // while 0 and 1 are in flight, two more arrive and 0 is dropped to make room
        buffer.append(message(2));
        buffer.append(message(3));
        buffer.removeThrough(inFlight.get(1).number());
        assertThat(payloads(buffer.peek(10))).containsExactly("2", "3");
        assertThat(buffer.peek(1).get(0).message().topic()).isEqualTo("dc/s/r/bms/R1/M01");
    }

    private static Outbound message(int i) {
        return new Outbound("dc/s/r/bms/R1/M01", String.valueOf(i).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> payloads(List<DiskBuffer.Entry> entries) {
        return entries.stream().map(e -> new String(e.message().payload(), StandardCharsets.UTF_8)).toList();
    }
}
