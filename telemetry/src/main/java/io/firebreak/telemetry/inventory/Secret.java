package io.firebreak.telemetry.inventory;

import java.util.Objects;

/** A secret value (webhook key, routing key) that never prints itself. */
public final class Secret {

    private final String value;
    private final String origin;

    public Secret(String value, String origin) {
        this.value = Objects.requireNonNull(value, "value");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** The secret itself: pass it to a signer or a header, never to a log. */
    public String reveal() {
        return value;
    }

    /** Where it came from, safe to log: e.g. {@code env FIREBREAK_WHSEC_KAKAO} or {@code inline}. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "Secret[" + origin + ", ***]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
