package io.firebreak.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSONL recordings, their ground truth, and progress lines. */
class RecordingTest {

    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    @TempDir
    Path dir;

    @Test
    void shouldReadBackExactlyWhatWasRecordedBatchedBySecond() throws Exception {
        // Given the Pangyo run recorded
        ScenarioRun run = new ScenarioRun(SITE, Scenarios.byName("pangyo-2022").orElseThrow(), TopicLayout.defaults(), 1_665_814_685_000L, 1);
        Path file = dir.resolve("pangyo.jsonl");

        long written = Recording.write(file, run, Progress.NONE);

        // Then reading it gives the same batches, topics, times and JSON payloads, and the ground truth sits beside it
        List<List<SimMessage>> expected = new ArrayList<>();
        run.forEach(expected::add);
        List<List<SimMessage>> read = new ArrayList<>();
        Recording.read(file).forEach(read::add);
        assertThat(written).isEqualTo(expected.stream().mapToLong(List::size).sum());
        assertThat(read).hasSameSizeAs(expected);
        for (int i = 0; i < read.size(); i++) {
            for (int j = 0; j < read.get(i).size(); j++) {
                SimMessage a = expected.get(i).get(j);
                SimMessage b = read.get(i).get(j);
                assertThat(b.topic()).isEqualTo(a.topic());
                assertThat(b.ts()).isEqualTo(a.ts());
                assertThat(b.retained()).isEqualTo(a.retained());
                assertThat(JsonMapper.builder().build().readTree(b.payload())).isEqualTo(JsonMapper.builder().build().readTree(a.payload()));
            }
        }
        assertThat(Recording.start(file)).isEqualTo(run.start());
        String truth = Files.readString(Recording.groundTruthFile(file));
        assertThat(truth).contains("\"scenario\":\"pangyo-2022\"", "\"drain_expected\":true", "\"power_loss\":" + run.groundTruth().powerLoss());
    }

    @Test
    void shouldPrintSimulatedTimeMessagesAndRateWhenALineIsDue() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(0);
        Progress progress = new Progress(new PrintStream(bytes, true), 0, Duration.ofSeconds(5), clock::get);

        clock.set(1000);
        progress.batch(60_000, 100);
        clock.set(5000);
        progress.batch(3_723_000, 900);

        assertThat(bytes.toString()).isEqualTo(String.format("simulated 1:02:03  messages 1,000  rate 200 msg/s  speed 744.6x%n"));
        assertThat(progress.messages()).isEqualTo(1000);
    }
}
