package io.firebreak.telemetry.contract;

/** A message or value that breaks the wire contract; {@code field} names the offending field when there is one. */
public final class ContractViolation extends RuntimeException {

    private final String field;

    public ContractViolation(String reason, String field) {
        super(reason);
        this.field = field;
    }

    /** The JSON field at fault, or null when the whole message is. */
    public String field() {
        return field;
    }
}
