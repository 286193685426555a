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
            return new ParseOutcome(Optional.of(reading), fields.rejections());
        } catch (ContractViolation e) {
            // the values already rejected stay on record beside the whole-message rejection
            List<DeadLetter> letters = new ArrayList<>(fields.rejections());
            letters.add(new DeadLetter(topic == null ? "" : topic, payload, receivedAt, e.getMessage(), null));
            return new ParseOutcome(Optional.empty(), letters);
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
    }
}
