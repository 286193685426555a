package io.firebreak.telemetry.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an operator may do: one role per operator action ({@code firebreak.operator.v1}). Reading (pending
 * state, room levels) needs no role, only an identity.
 */
public enum OperatorRole {
    ACK, APPROVE, VETO, RELEASE, TAKEOVER;

    /** The wire and configuration name, e.g. {@code release}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named {@code name}.
     *
     * @param key the configuration key, named in the error
     */
    public static OperatorRole parse(String name, String key) {
        for (OperatorRole role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException(key + ": must be one of " + names() + ", was '" + name + "'");
    }

    /** Every role's name, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(OperatorRole::wireName).collect(Collectors.joining(", "));
    }
}
