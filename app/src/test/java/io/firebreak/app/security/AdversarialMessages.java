package io.firebreak.app.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random and adversarial MQTT messages for the Pangyo inventory (issue 15's fuzz test): healthy samples of
 * listed devices among invented devices, forged alarms from unlisted panels, arrays far longer than a module,
 * deep nesting, NaN and Infinity, numbers beyond a double, future and past {@code ts}, {@code seq} jumps,
 * repeats, bytes that are not UTF-8 and topics outside the layout. Seeded: the same seed gives the same messages.
 */
final class AdversarialMessages {

    /** One message to publish and the kind it was made as (for the report). */
    record Message(String kind, String topic, byte[] payload) {
    }

    private static final String SITE = "pangyo-a";
    private static final String[] MODULES = {"3E-1/M01", "3E-2/M04", "3F-3/M08", "3F-4/M02"};

    private final Random random;
    private final long[] moduleSeq = new long[MODULES.length];
    private long sensorSeq;
    private Message last;

    AdversarialMessages(long seed) {
        this.random = new Random(seed);
    }

    List<Message> next(int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(next());
        }
        return messages;
    }

    private Message next() {
        int pick = random.nextInt(100);
        Message m;
        if (pick < 30) {
            m = healthyModule();
        } else if (pick < 35) {
            m = msg("healthy_sensor", "dc/" + SITE + "/B3-battery/env/asd-b3-1",
                    "{\"ts\":" + now() + ",\"seq\":" + (++sensorSeq) + ",\"air_t\":23.1,\"smoke_pct_m\":0.001,\"voc_ppm\":0.2}");
        } else if (pick < 45) {
            m = inventedDevice();
        } else if (pick < 48) {
            m = msg("forged_alarm", "dc/" + SITE + "/B3-battery/fire/fp-" + word(), "{\"ts\":" + now() + ",\"event\":\"alarm\"}");
        } else if (pick < 53) {
            m = hugeArray();
        } else if (pick < 57) {
            m = msg("deep_nesting", "dc/" + SITE + "/B3-battery/env/asd-b3-2",
                    "{\"ts\":" + now() + ",\"x\":" + "[".repeat(3000) + "]".repeat(3000) + ",\"air_t\":22}");
        } else if (pick < 62) {
            m = nonFinite();
        } else if (pick < 66) {
            m = msg("future_ts", "dc/" + SITE + "/B3-battery/bms/" + MODULES[0],
                    "{\"ts\":4102444800000,\"cell_v\":[3.3],\"cell_t\":[25]}");
        } else if (pick < 70) {
            m = msg("past_ts", "dc/" + SITE + "/B2-battery/env/asd-b2-1", "{\"ts\":" + random.nextInt(1_000_000) + ",\"air_t\":21.5}");
        } else if (pick < 73) {
            int k = random.nextInt(MODULES.length);
            m = msg("seq_jump", "dc/" + SITE + "/B3-battery/bms/" + MODULES[k],
                    "{\"ts\":" + now() + ",\"seq\":" + (moduleSeq[k] + 1_000_000_000_000L + random.nextInt(1000)) + "," + cells(14, 3.31) + "}");
        } else if (pick < 78 && last != null) {
            m = new Message("repeat", last.topic(), last.payload());
        } else if (pick < 83) {
            m = msg("oversize", "dc/" + SITE + "/B3-battery/env/asd-b3-1",
                    "{\"ts\":" + now() + ",\"pad\":\"" + "y".repeat(65 * 1024 + random.nextInt(1024)) + "\",\"air_t\":20}");
        } else {
            m = garbage();
        }
        last = m;
        return m;
    }

    private Message healthyModule() {
        int k = random.nextInt(MODULES.length);
        return msg("healthy_module", "dc/" + SITE + "/B3-battery/bms/" + MODULES[k],
                "{\"ts\":" + now() + ",\"seq\":" + (++moduleSeq[k]) + "," + cells(14, 3.31) + ",\"cell_t\":[24.9,25.0,25.1,25.0]}");
    }

    private Message inventedDevice() {
        return switch (random.nextInt(4)) {
            case 0 -> msg("invented_module", "dc/" + SITE + "/B3-battery/bms/" + word() + "/" + word(), "{\"ts\":" + now() + "," + cells(14, 3.3) + "}");
            case 1 -> msg("invented_room", "dc/" + SITE + "/" + word() + "/env/" + word(), "{\"ts\":" + now() + ",\"smoke_pct_m\":4.0}");
            case 2 -> msg("invented_site", "dc/" + word() + "/B3-battery/power/ups-b3-a", "{\"ts\":" + now() + ",\"on_battery\":true}");
            default -> msg("invented_gateway", "dc/" + SITE + "/B3-battery/gateway/" + word(), "{\"ts\":" + now() + ",\"online\":false}");
        };
    }

    private Message hugeArray() {
        int n = random.nextBoolean() ? 15 + random.nextInt(500) : 1025 + random.nextInt(4000);
        return msg("huge_array", "dc/" + SITE + "/B3-battery/bms/" + MODULES[random.nextInt(MODULES.length)],
                "{\"ts\":" + now() + "," + cells(n, 3.3) + "}");
    }

    private Message nonFinite() {
        String[] values = {"NaN", "Infinity", "-Infinity", "\"NaN\"", "1e400", "-1e400", "null", "true", "{}"};
        StringBuilder array = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            array.append(i == 0 ? "" : ",").append(random.nextInt(3) == 0 ? values[random.nextInt(values.length)] : "3.3");
        }
        return msg("non_finite", "dc/" + SITE + "/B3-battery/bms/" + MODULES[random.nextInt(MODULES.length)],
                "{\"ts\":" + now() + ",\"cell_v\":[" + array + "],\"cell_t\":[25,25,25,25]}");
    }

    private Message garbage() {
        return switch (random.nextInt(6)) {
            case 0 -> new Message("not_utf8", "dc/" + SITE + "/B3-battery/env/asd-b3-1", new byte[] {(byte) 0xc3, (byte) 0x28, 0x7b, (byte) 0xff});
            case 1 -> msg("empty", "dc/" + SITE + "/B3-battery/env/asd-b3-1", "");
            case 2 -> msg("array", "dc/" + SITE + "/B3-battery/env/asd-b3-1", "[1,2,3]");
            case 3 -> msg("bad_topic", "dc/" + SITE + "/B3-battery/lights/" + word(), "{\"ts\":" + now() + "}");
            case 4 -> msg("bad_topic", "dc/" + SITE, "{\"ts\":" + now() + "}");
            default -> {
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                yield new Message("random_bytes", "dc/" + SITE + "/B2-battery/power/ups-b2-a", bytes);
            }
        };
    }

    private String cells(int n, double volts) {
        StringBuilder s = new StringBuilder("\"cell_v\":[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", volts + random.nextGaussian() * 0.002));
        }
        return s.append(']').toString();
    }

    private String word() {
        return "x" + Integer.toString(random.nextInt(1 << 20), 36);
    }

    private long now() {
        return System.currentTimeMillis() - random.nextInt(1000);
    }

    private static Message msg(String kind, String topic, String payload) {
        return new Message(kind, topic, payload.getBytes(StandardCharsets.UTF_8));
    }
}
