package io.firebreak.alerting;

/**
 * How a (retried) POST ended.
 *
 * @param status     the end state
 * @param attempts   attempts made
 * @param lastAnswer the last answer, safe to log: {@code status 500}, {@code ConnectException}, ...
 */
public record PostOutcome(Status status, int attempts, String lastAnswer) {

    /** End states of a POST. */
    public enum Status {
        /** A 2xx answer. */
        ACCEPTED,
        /** A client error that retrying cannot fix (4xx other than 408 and 429). */
        REJECTED,
        /** Every attempt failed. */
        EXHAUSTED,
        /** The service stopped before an answer; the record is not committed and will be sent again. */
        STOPPED,
        /** Dry run: signed and logged, not sent. */
        DRY_RUN,
        /** A person took the delivery over (operator action {@code takeover}): no more attempts. */
        TAKEN_OVER
    }

    public static PostOutcome dryRun() {
        return new PostOutcome(Status.DRY_RUN, 0, "dry run");
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** True when the delivery is over for good: accepted, dry run, or taken over by a person. */
    public boolean done() {
        return status == Status.ACCEPTED || status == Status.DRY_RUN || status == Status.TAKEN_OVER;
    }

    /** True when the receiver never took it and a person must know. */
    public boolean failed() {
        return status == Status.REJECTED || status == Status.EXHAUSTED;
    }
}
