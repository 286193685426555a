package io.firebreak.dashboards;

import io.firebreak.telemetry.kafka.KafkaSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection as Kafka sees it, for the dashboards' "Firebreak alive: detection": one {@code detection} point per
 * report with the members of detection's group ({@code detect.application_id}, a Kafka Streams application is a
 * consumer group) and how many records of Firebreak's topics it has not yet committed. Detection writes nothing to
 * InfluxDB while a site is quiet (alerts and decisions come only on a change), so its liveness is read from its
 * group: a dead detection has no members once its session times out, a stuck one falls behind. When Kafka does
 * not answer within {@value #TIMEOUT_MS} ms there is no point, which the panel shows as no data.
 */
final class DetectionWatch implements AutoCloseable {

    static final String DETECTION = "detection";
    /** Detection's application id unless {@code detect.application_id} says otherwise. */
    static final String DEFAULT_GROUP = "firebreak-detect";
    private static final long TIMEOUT_MS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(DetectionWatch.class);

    private final String group;
    private final Supplier<Admin> connect;
    private Admin admin;

    DetectionWatch(KafkaSettings kafka, String group) {
        this(group, () -> Admin.create(kafka.clientProperties()));
    }

    DetectionWatch(String group, Supplier<Admin> connect) {
        this.group = Objects.requireNonNull(group, "group");
        this.connect = connect;
    }

    /** The group watched. */
    String group() {
        return group;
    }

    /** This report's {@code detection} point at {@code nowMs}, or none when Kafka did not answer in time. */
    List<SeriesPoint> points(long nowMs) {
        try {
            if (admin == null) {
                admin = connect.get();
            }
            ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("members", (long) described.members().size());
            fields.put("lag", lag());
            fields.put("state", described.groupState().toString().toLowerCase(Locale.ROOT));
            return List.of(new SeriesPoint(DETECTION, Map.of("group", group), fields, nowMs));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("event=detection_watch_unavailable group={} error=\"{}\"", group, e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Records of Firebreak's topics past the group's committed offsets; its own internal topics are left out. */
    private long lag() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.forEach((tp, offset) -> {
            // Firebreak's topics are firebreak.<name>.v1; Streams' repartition and changelog topics start with the id
            if (offset != null && tp.topic().startsWith("firebreak.")) {
                latest.put(tp, OffsetSpec.latest());
            }
        });
        if (latest.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
            lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
        }
        return lag;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
