package io.firebreak.dashboards;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.influxdb.dto.BatchPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's own health as {@code pipeline} points, so Grafana can show consumer lag and write failures
 * from InfluxDB, the only datasource it needs. One point per consumed topic with the records this
 * instance is behind ({@code lag}), and one point with the sink's counters since start (cumulative:
 * graph them with {@code non_negative_difference}). Tags are the consumer group, the instance (host
 * name) and, for lag, the topic: a handful of series per sink instance.
 */
final class PipelineReporter {

    static final String PIPELINE = "pipeline";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineReporter.class);

    private final String group;
    private final String instance;
    private final long intervalMs;
    private final LongSupplier clock;
    private long nextAtMs;

    PipelineReporter(String group, long intervalMs, LongSupplier clock) {
        this.group = group;
        this.instance = hostName();
        this.intervalMs = intervalMs;
        this.clock = clock;
        this.nextAtMs = clock.getAsLong();
    }

    /** True once per interval: the caller then builds and writes the points. */
    boolean due() {
        long now = clock.getAsLong();
        if (now < nextAtMs) {
            return false;
        }
        nextAtMs = now + intervalMs;
        return true;
    }

    /**
     * Writes one report when it is due. Lag that Kafka does not give in time costs only the lag points:
     * the counters are written anyway. A failed write is logged and costs only that report.
     */
    void reportIfDue(Supplier<Map<String, Long>> lagByTopic, Supplier<SinkStats> stats, Writer writer, String database) {
        reportIfDue(lagByTopic, stats, new RoomStates(), writer, database);
    }

    /** As above, with every room's current state ({@code room_state} points) in the same report. */
    void reportIfDue(Supplier<Map<String, Long>> lagByTopic, Supplier<SinkStats> stats, RoomStates rooms, Writer writer,
                     String database) {
        reportIfDue(lagByTopic, stats, rooms, now -> List.of(), writer, database);
    }

    /**
     * As above, with {@code more} points of the same report (detection's group, {@link DetectionWatch}); a lookup
     * that fails costs only its own points.
     */
    void reportIfDue(Supplier<Map<String, Long>> lagByTopic, Supplier<SinkStats> stats, RoomStates rooms,
                     LongFunction<List<SeriesPoint>> more, Writer writer, String database) {
        if (!due()) {
            return;
        }
        Map<String, Long> lag;
        try {
            lag = lagByTopic.get();
        } catch (RuntimeException e) {
            LOG.debug("event=pipeline_lag_unavailable error=\"{}\"", e.getMessage());
            lag = Map.of();
        }
        try {
            BatchPoints batch = BatchPoints.database(database).precision(TimeUnit.MILLISECONDS).build();
            points(lag, stats.get()).forEach(point -> batch.point(point.toPoint()));
            rooms.points(clock.getAsLong()).forEach(point -> batch.point(point.toPoint()));
            more.apply(clock.getAsLong()).forEach(point -> batch.point(point.toPoint()));
            writer.writeStats(batch);
        } catch (RuntimeException e) {
            LOG.debug("event=pipeline_report_failed error=\"{}\"", e.getMessage());
        }
    }

    /** The points of one report, at the current time. */
    List<SeriesPoint> points(Map<String, Long> lagByTopic, SinkStats stats) {
        long now = clock.getAsLong();
        List<SeriesPoint> points = new ArrayList<>();
        lagByTopic.forEach((topic, lag) -> points.add(new SeriesPoint(PIPELINE,
                Map.of("group", group, "instance", instance, "topic", topic), Map.of("lag", lag), now)));
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("points_written", stats.pointsWritten());
        counters.put("batches", stats.batches());
        counters.put("write_failures", stats.writeFailures());
        counters.put("rejected_batches", stats.rejectedBatches());
        counters.put("records_skipped", stats.recordsSkipped());
        points.add(new SeriesPoint(PIPELINE, Map.of("group", group, "instance", instance), counters, now));
        return points;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
