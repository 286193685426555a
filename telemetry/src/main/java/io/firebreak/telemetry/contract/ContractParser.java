package io.firebreak.telemetry.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses and validates MQTT messages against the wire contract (sections 1 to 3). Whole-message faults
 * (not UTF-8, not JSON, not an object, no valid {@code ts}, a topic outside the layout) reject the
 * message into one dead letter; a single bad value is left out, recorded as a dead letter naming the
 * field, and the rest of the message is kept. Unknown fields are ignored. Thread-safe.
 */
public final class ContractParser {

    /** The largest payload the contract allows. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static {
        // a 64 KiB payload needs no deeper nesting than this; deeper is hostile input
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    /** The default bound on how far ahead of the time received a {@code ts} may be. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);
    /** The reason every clock-skew rejection starts with: detection pages the device's clock from it. */
    public static final String CLOCK_SKEW = "clock_skew";

    private final TopicLayout layout;
    private final long clockSkewMs;

    /** A parser that takes any {@code ts} (replay: recordings and simulations may run ahead of the wall clock). */
    public ContractParser(TopicLayout layout) {
        this.layout = layout;
        this.clockSkewMs = Long.MAX_VALUE;
    }

    /**
     * A parser that refuses a {@code ts} more than {@code clockSkew} ahead of the time the message was
     * received: a device clock that runs ahead (local time sent as UTC is +9 h in Korea) must not stamp
     * evidence in the future.
     */
    public ContractParser(TopicLayout layout, Duration clockSkew) {
        this.layout = layout;
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.isZero()) {
            throw new IllegalArgumentException("clock_skew: must be a positive duration, was " + clockSkew);
        }
        this.clockSkewMs = clockSkew.toMillis();
    }

    public TopicLayout layout() {
        return layout;
    }

    /** Parses one message received at {@code receivedAt} (epoch ms) on {@code topic}. */
    public ParseOutcome parse(String topic, byte[] payload, long receivedAt) {
        FieldCollector fields = new FieldCollector(topic == null ? "" : topic, payload, receivedAt);
        try {
            DeviceAddress source = layout.parse(topic);
            JsonNode root = readObject(payload);
            long ts = Fields.timestamp(root.get("ts"));
            if (clockSkewMs != Long.MAX_VALUE && ts > receivedAt + clockSkewMs) {
                throw new ContractViolation(CLOCK_SKEW + ": ts " + Instant.ofEpochMilli(ts) + " is " + (ts - receivedAt) / 1000
                        + " s ahead of the time received (more than " + clockSkewMs / 1000 + " s): the device's clock runs ahead", "ts");
            }
            Long seq = fields.optionalSeq(root);
            Measurement measurement = switch (source.kind()) {
                case BMS -> Fields.bms(root, fields);
                case ENV -> Fields.env(root, fields);
                case POWER -> Fields.power(root, fields);
                case FIRE -> Fields.fire(root);
                case GATEWAY -> Fields.gateway(root);
            };
            Reading reading = new Reading(source, ts, seq, receivedAt, false, measurement);
            return new ParseOutcome(Optional.of(reading), fields.merged());
        } catch (ContractViolation e) {
            // one record per message: the values already rejected are listed in the whole-message rejection
            String reason = fields.rejections().isEmpty() ? e.getMessage()
                    : e.getMessage() + " (values also rejected: " + FieldCollector.summary(fields.rejections()) + ")";
            return new ParseOutcome(Optional.empty(), List.of(new DeadLetter(topic == null ? "" : topic, payload, receivedAt, reason, null)));
        }
    }

    private static JsonNode readObject(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new ContractViolation("empty payload: expected a JSON object", null);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new ContractViolation("payload of " + payload.length + " bytes exceeds the 64 KiB limit", null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new ContractViolation("payload is not valid UTF-8", null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ContractViolation("payload is not JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new ContractViolation("payload is JSON but not an object", null);
        }
        return root;
    }

    /** Collects the values left out of an otherwise valid message. */
    static final class FieldCollector {
        private final String topic;
        private final byte[] payload;
        private final long receivedAt;
        private final List<DeadLetter> rejections = new ArrayList<>();

        FieldCollector(String topic, byte[] payload, long receivedAt) {
            this.topic = topic;
            this.payload = payload;
            this.receivedAt = receivedAt;
        }

        void reject(String field, String reason) {
            rejections.add(new DeadLetter(topic, payload, receivedAt, field + ": " + reason + "; value left out", field));
        }

        Long optionalSeq(JsonNode root) {
            JsonNode node = root.get("seq");
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
                reject("seq", "must be an integer >= 0, was " + Fields.describe(node));
                return null;
            }
            return node.asLong();
        }

        List<DeadLetter> rejections() {
            return rejections;
        }

        /**
         * At most one dead-letter record for the values left out of this message, naming every bad field
         * (the first {@value #MAX_LISTED} in full, then how many more): a message of a thousand bad values
         * must not become a thousand copies of its payload.
         */
        List<DeadLetter> merged() {
            if (rejections.size() <= 1) {
                return rejections;
            }
            List<String> names = rejections.stream().map(DeadLetter::field).toList();
            String field = names.size() <= MAX_LISTED ? String.join(", ", names)
                    : String.join(", ", names.subList(0, MAX_LISTED)) + ", +" + (names.size() - MAX_LISTED) + " more";
            return List.of(new DeadLetter(topic, payload, receivedAt, summary(rejections), field));
        }

        static String summary(List<DeadLetter> letters) {
            StringBuilder reasons = new StringBuilder();
            for (int i = 0; i < Math.min(letters.size(), MAX_LISTED); i++) {
                reasons.append(i == 0 ? "" : "; ").append(letters.get(i).reason().replace("; value left out", ""));
            }
            if (letters.size() > MAX_LISTED) {
                reasons.append("; and ").append(letters.size() - MAX_LISTED).append(" more");
            }
            return reasons.append(letters.size() == 1 ? "; value left out" : "; values left out").toString();
        }

        private static final int MAX_LISTED = 20;
    }
}
