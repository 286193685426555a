package io.firebreak.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's messages: {@code messages} BMS samples spread round-robin over {@code devices} modules (16
 * cell voltages and 4 probe temperatures each, consecutive {@code seq} per module), on one site of their own
 * so runs do not see each other's seq. Built before timing starts.
 */
final class BenchWorkload {

    /** One MQTT message: topic, payload and the device it belongs to (index into the devices). */
    record Message(String topic, byte[] payload, int device) {
    }

    private final List<Message> messages;
    private final String site;
    private final int devices;

    BenchWorkload(String site, int messageCount, int devices) {
        this.site = site;
        this.devices = devices;
        this.messages = new ArrayList<>(messageCount);
        long ts = System.currentTimeMillis();
        long[] seq = new long[devices];
        for (int i = 0; i < messageCount; i++) {
            int device = i % devices;
            String topic = "dc/" + site + "/B1/bms/R" + (device % 16) + "/M" + device;
            messages.add(new Message(topic, payload(ts + i, seq[device]++, i), device));
        }
    }

    private static byte[] payload(long ts, long seq, int i) {
        StringBuilder json = new StringBuilder(256).append("{\"ts\":").append(ts).append(",\"seq\":").append(seq)
                .append(",\"cell_v\":[");
        for (int c = 0; c < 16; c++) {
            json.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", 3.2 + ((i + c) % 17) / 100.0));
        }
        json.append("],\"cell_t\":[24.1,24.3,24.2,24.5],\"current_a\":-12.5,\"soc\":0.97}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    List<Message> messages() {
        return messages;
    }

    String site() {
        return site;
    }

    int devices() {
        return devices;
    }

    /** The messages of one publisher out of {@code publishers}: whole devices, so per-device order holds. */
    List<Message> shareOf(int publisher, int publishers) {
        return messages.stream().filter(m -> m.device() % publishers == publisher).toList();
    }
}
