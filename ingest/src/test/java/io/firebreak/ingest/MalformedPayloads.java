package io.firebreak.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A seeded generator of hostile MQTT messages for the fuzz test: random bytes, truncated JSON, wrong types,
 * NaN and infinities, huge arrays, deep nesting, bad timestamps and bad topics, plus messages with one bad
 * value among good ones. Every message gets its own device (its own topic), so none is a duplicate of another
 * and each can be traced to exactly one outcome.
 */
final class MalformedPayloads {

    /** One generated message. */
    record Message(String kind, String topic, byte[] payload) {
    }

    private static final String[] KINDS = {"random_bytes", "truncated_json", "wrong_types", "nan", "huge_array",
        "deep_nesting", "bad_ts", "bad_topic", "one_bad_value", "not_object", "bad_utf8"};

    private final Random random;
    private final String site;

    MalformedPayloads(long seed, String site) {
        this.random = new Random(seed);
        this.site = site;
    }

    Message next(int i) {
        String kind = KINDS[random.nextInt(KINDS.length)];
        String bms = "dc/" + site + "/B1/bms/R" + (i % 8) + "/f" + i;
        String env = "dc/" + site + "/B1/env/f" + i;
        long ts = System.currentTimeMillis();
        return switch (kind) {
            case "random_bytes" -> {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                yield new Message(kind, env, bytes);
            }
            case "truncated_json" -> {
                String full = "{\"ts\":" + ts + ",\"seq\":1,\"cell_v\":[3.31,3.30,3.29],\"cell_t\":[24.5,24.6]}";
                yield new Message(kind, bms, utf8(full.substring(0, 1 + random.nextInt(full.length() - 2))));
            }
            case "wrong_types" -> new Message(kind, i % 2 == 0 ? env : bms, utf8(switch (random.nextInt(5)) {
                case 0 -> "{\"ts\":{\"ms\":" + ts + "},\"rh\":40}";
                case 1 -> "{\"ts\":" + ts + ",\"cell_v\":\"3.3,3.2\",\"cell_t\":true}";
                case 2 -> "{\"ts\":" + ts + ",\"rh\":[40],\"air_t\":{},\"smoke_pct_m\":\"low\"}";
                case 3 -> "{\"ts\":true,\"seq\":\"one\"}";
                default -> "{\"ts\":" + ts + ",\"seq\":1.5,\"cell_v\":[\"a\",null,{}]}";
            }));
            case "nan" -> new Message(kind, env, utf8(random.nextBoolean()
                    ? "{\"ts\":" + ts + ",\"air_t\":NaN,\"rh\":Infinity}"
                    : "{\"ts\":" + ts + ",\"air_t\":\"NaN\",\"rh\":-1e400}"));
            case "huge_array" -> new Message(kind, bms, utf8(hugeArray(ts, random.nextBoolean() ? 2_000 : 30_000)));
            case "deep_nesting" -> new Message(kind, env, utf8("{\"ts\":" + ts + ",\"rh\":" + "[".repeat(100 + random.nextInt(5_000))));
            case "bad_ts" -> new Message(kind, env, utf8(random.nextBoolean()
                    ? "{\"ts\":\"2022-10-15T15:19:05\",\"rh\":40}" : "{\"ts\":-99999999999999999999,\"rh\":40}"));
            case "bad_topic" -> new Message(kind, "dc/" + site + "/B1/kitchen/f" + i, utf8("{\"ts\":" + ts + ",\"rh\":40}"));
            case "one_bad_value" -> new Message(kind, bms, utf8("{\"ts\":" + ts + ",\"cell_v\":[3.3,\"x\",99.0],\"soc\":2.5}"));
            case "not_object" -> new Message(kind, env, utf8(random.nextBoolean() ? "[1,2,3]" : "\"ts\""));
            default -> new Message(kind, env, new byte[] {'{', '"', 't', (byte) 0xC0, (byte) 0xAF, '"', '}'});
        };
    }

    private String hugeArray(long ts, int cells) {
        StringBuilder json = new StringBuilder("{\"ts\":" + ts + ",\"cell_v\":[");
        for (int c = 0; c < cells; c++) {
            json.append(c == 0 ? "" : ",").append(3.0 + random.nextInt(100) / 100.0);
        }
        return json.append("]}").toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
