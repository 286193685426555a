package io.firebreak.gateway;

import java.util.Locale;
import java.util.Objects;

/** Why a device could not be read: a reason to count by and a detail a person can act on. */
public record PollFailure(Reason reason, String detail) {

    /** The kinds of failure, counted apart in {@code firebreak_gateway_errors_total{reason}}. */
    public enum Reason {
        /** The device did not answer in its timeout. */
        TIMEOUT,
        /** No connection could be made (refused, unreachable, closed). */
        UNREACHABLE,
        /** The device answered with a Modbus exception code. */
        MODBUS_EXCEPTION,
        /** The device answered with an SNMP error status. */
        SNMP_ERROR,
        /** A value outside what the register map or the contract allows. */
        OUT_OF_RANGE,
        /** The answer held nothing the map could publish (every value missing, SunSpec model absent). */
        NO_VALUE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PollFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return reason.label() + ": " + detail;
    }
}
