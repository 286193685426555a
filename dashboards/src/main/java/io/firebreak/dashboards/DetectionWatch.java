package io.firebreak.dashboards;

import io.firebreak.telemetry.kafka.KafkaSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection as Kafka sees it, for the dashboards' "Firebreak alive: detection": one {@code detection} point per
 * report over detection's groups (a Kafka Streams application is a consumer group; detection runs two, its
 * battery part under {@code detect.application_id} and its rooms part under that id with {@code -rooms}): the
 * fewest members any of them has, so that one part down is detection down, and how many records of Firebreak's
 * topics they have not yet committed. Detection writes nothing to InfluxDB while a site is quiet (alerts and
 * decisions come only on a change), so its liveness is read from its groups: a dead part has no members once its
 * session times out, a stuck one falls behind. When Kafka does not answer within {@value #TIMEOUT_MS} ms there
 * is no point, which the panel shows as no data.
 */
final class DetectionWatch implements AutoCloseable {

    static final String DETECTION = "detection";
    /** Detection's groups unless {@code detect.application_id} says otherwise: its battery part's and its rooms part's. */
    static final List<String> DEFAULT_GROUPS = List.of("firebreak-detect", "firebreak-detect-rooms");
    private static final long TIMEOUT_MS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(DetectionWatch.class);

    private final List<String> groups;
    private final Supplier<Admin> connect;
    private Admin admin;

    DetectionWatch(KafkaSettings kafka, List<String> groups) {
        this(groups, () -> Admin.create(kafka.clientProperties()));
    }

    DetectionWatch(List<String> groups, Supplier<Admin> connect) {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("detection groups: at least one is required");
        }
        this.groups = List.copyOf(groups);
        this.connect = connect;
    }

    /** The first group watched (the point's {@code group} tag): detection's application id. */
    String group() {
        return groups.get(0);
    }

    /** The groups watched. */
    List<String> groups() {
        return groups;
    }

    /** This report's {@code detection} point at {@code nowMs}, or none when Kafka did not answer in time. */
    List<SeriesPoint> points(long nowMs) {
        try {
            if (admin == null) {
                admin = connect.get();
            }
            Map<String, KafkaFuture<ConsumerGroupDescription>> described = admin.describeConsumerGroups(groups).describedGroups();
            long members = Long.MAX_VALUE;
            String state = null;
            long lag = 0;
            long batteryLag = 0;
            for (String group : groups) {
                ConsumerGroupDescription description = described(described.get(group));
                // a group Kafka does not know (never started, or gone) has no member
                members = Math.min(members, description == null ? 0 : description.members().size());
                String groupState = description == null ? "dead" : description.groupState().toString().toLowerCase(Locale.ROOT);
                // the first group not stable says what detection is; stable only when all are
                if (state == null || "stable".equals(state) && !"stable".equals(groupState)) {
                    state = groupState;
                }
                long groupLag = description == null ? 0 : lag(group);
                lag += groupLag;
                if (group.equals(group())) {
                    batteryLag = groupLag;
                }
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("members", members);
            fields.put("lag", lag);
            // the first group is detection's battery part: how many readings it has still to judge (issue 16)
            fields.put("battery_lag", batteryLag);
            fields.put("state", state);
            return List.of(new SeriesPoint(DETECTION, Map.of("group", group()), fields, nowMs));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("event=detection_watch_unavailable groups={} error=\"{}\"", groups, e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The group's description, or null when Kafka does not know the group. */
    private static ConsumerGroupDescription described(KafkaFuture<ConsumerGroupDescription> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    /** Records of Firebreak's topics past {@code group}'s committed offsets; its own internal topics are left out. */
    private long lag(String group) throws ExecutionException, InterruptedException, TimeoutException {
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
