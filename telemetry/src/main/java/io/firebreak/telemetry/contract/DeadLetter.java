package io.firebreak.telemetry.contract;

import java.util.Objects;

/**
 * A message, or one value of a message, that broke the contract (contract section 3). Keeps the original
 * topic and bytes, when it was received, and a reason a person can read.
 *
 * <p>One message gives at most one dead letter: when several values of it were left out, {@code field}
 * lists them all, comma-separated ({@link #fields()}), and {@code reason} gives each one's reason.
 *
 * @param field the JSON field(s) at fault when only values were rejected (the rest of the message was
 *              processed), or null when the whole message was rejected
 */
public record DeadLetter(String originalTopic, byte[] payload, long receivedAt, String reason, String field) {

    public DeadLetter {
        Objects.requireNonNull(originalTopic, "originalTopic");
        Objects.requireNonNull(reason, "reason");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The fields left out, in message order; empty for a whole-message rejection. */
    public java.util.List<String> fields() {
        return field == null ? java.util.List.of() : java.util.List.of(field.split(", "));
    }

    /** True when the whole message was rejected, false when values were left out. */
    public boolean wholeMessage() {
        return field == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && originalTopic.equals(d.originalTopic)
                && java.util.Arrays.equals(payload, d.payload) && receivedAt == d.receivedAt
                && reason.equals(d.reason) && Objects.equals(field, d.field);
    }

    @Override
    public int hashCode() {
        return Objects.hash(originalTopic, java.util.Arrays.hashCode(payload), receivedAt, reason, field);
    }

    @Override
    public String toString() {
        return "DeadLetter[topic=" + originalTopic + ", field=" + field + ", reason=" + reason + ", bytes=" + payload.length + "]";
    }
}
