package io.firebreak.alerting;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** RFC 3339 in UTC with milliseconds, as the webhook and pager contracts show: {@code 2022-10-15T06:19:42.000Z}. */
final class Timestamps {

    private static final DateTimeFormatter RFC_3339_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String rfc3339(Instant instant) {
        return RFC_3339_MILLIS.format(instant);
    }

    static String rfc3339(long epochMillis) {
        return rfc3339(Instant.ofEpochMilli(epochMillis));
    }
}
