package io.firebreak.ingest;

import io.firebreak.telemetry.contract.DeadLetter;

/**
 * The bounded reason classes of dead letters, the {@code reason} label of
 * {@code firebreak_ingest_rejected_total}. The dead letter itself keeps the readable reason; the metric needs
 * a small fixed set of label values, never free text (which would make one time series per message).
 */
enum RejectReason {
    EMPTY("empty"),
    OVERSIZED("oversized"),
    NOT_UTF8("not_utf8"),
    NOT_JSON("not_json"),
    NOT_OBJECT("not_object"),
    BAD_TS("bad_ts"),
    CLOCK_SKEW("clock_skew"),
    BAD_TOPIC("bad_topic"),
    NO_VALUES("no_values"),
    BAD_EVENT("bad_event"),
    BAD_STATUS("bad_status"),
    BAD_SEQ("bad_seq"),
    BAD_VALUE("bad_value"),
    UNKNOWN_DEVICE("unknown_device"),
    RATE_LIMITED("rate_limited"),
    OTHER("other");

    private final String tag;

    RejectReason(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    /** Classifies a dead letter by the parser's reason (telemetry's {@code ContractParser} wording). */
    static RejectReason of(DeadLetter letter) {
        if (!letter.wholeMessage()) {
            // one record lists every value left out of a message: it is a bad seq only when that is all it lists
            return letter.fields().equals(java.util.List.of("seq")) ? BAD_SEQ : BAD_VALUE;
        }
        String reason = letter.reason();
        if (reason.startsWith("empty payload")) {
            return EMPTY;
        } else if (reason.contains("exceeds the 64 KiB limit")) {
            return OVERSIZED;
        } else if (reason.contains("not valid UTF-8")) {
            return NOT_UTF8;
        } else if (reason.startsWith("payload is not JSON")) {
            return NOT_JSON;
        } else if (reason.startsWith("payload is JSON but not an object")) {
            return NOT_OBJECT;
        } else if (reason.startsWith("unknown_device")) {
            return UNKNOWN_DEVICE;
        } else if (reason.startsWith("rate_limited")) {
            return RATE_LIMITED;
        } else if (reason.startsWith("clock_skew")) {
            return CLOCK_SKEW;
        } else if (reason.startsWith("ts ")) {
            return BAD_TS;
        } else if (reason.startsWith("topic outside the layout")) {
            return BAD_TOPIC;
        } else if (reason.contains("has no valid") || reason.contains("has none of")) {
            return NO_VALUES;
        } else if (reason.startsWith("fire event")) {
            return BAD_EVENT;
        } else if (reason.startsWith("gateway status")) {
            return BAD_STATUS;
        }
        return OTHER;
    }
}
