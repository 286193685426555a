package io.firebreak.dashboards;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * One InfluxDB point as {@link PointMapper} builds it: measurement, tags, fields and time in epoch
 * milliseconds. Kept apart from the client's {@link Point} so the schema can be read and tested as
 * plain maps. Field values are {@code Double}, {@code Long} (flags and counts) or {@code String}.
 */
public record SeriesPoint(String measurement, Map<String, String> tags, Map<String, Object> fields, long timeMs) {

    public SeriesPoint {
        Objects.requireNonNull(measurement, "measurement");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("fields: a point needs at least one field, measurement " + measurement);
        }
    }

    /** The client point, at millisecond precision. */
    public Point toPoint() {
        Point.Builder builder = Point.measurement(measurement).time(timeMs, TimeUnit.MILLISECONDS).tag(tags);
        fields.forEach((name, value) -> {
            if (value instanceof String text) {
                builder.addField(name, text);
            } else if (value instanceof Long count) {
                builder.addField(name, count.longValue());
            } else {
                builder.addField(name, ((Number) value).doubleValue());
            }
        });
        return builder.build();
    }
}
