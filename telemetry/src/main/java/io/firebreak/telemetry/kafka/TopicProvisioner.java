package io.firebreak.telemetry.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Firebreak's topics when they are missing, so each service can start in any order. Existing
 * topics are left as they are (an operator may have given them more partitions).
 *
 * <p>The topics that hold state ({@link #STATE_TOPICS}: decisions, operator actions, the delivery audit)
 * are what alerting rebuilds itself from on start, so they are created with unlimited retention
 * ({@code retention.ms=-1}, {@code retention.bytes=-1}): they must outlive the longest incident. They
 * are not compacted, because they are keyed by room and every record of a room matters. Every topic
 * created with more than one replica gets {@code min.insync.replicas = replication - 1}, so an
 * {@code acks=all} write survives the loss of one broker and is refused rather than kept on one copy.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    /** The topics alerting's state is rebuilt from. */
    public static final Set<String> STATE_TOPICS =
            Set.of(Topics.DECISIONS.name(), Topics.OPERATOR.name(), Topics.AUDIT.name());

    /** How long detection's battery signals are kept: a day. */
    public static final long SIGNALS_RETENTION_MS = 24L * 3600 * 1000;

    private TopicProvisioner() {
    }

    /** The configuration {@code topic} is created with, for {@code replication} replicas. */
    public static Map<String, String> configFor(String topic, short replication) {
        Map<String, String> configs = new HashMap<>();
        if (STATE_TOPICS.contains(topic)) {
            configs.put("cleanup.policy", "delete");
            configs.put("retention.ms", "-1");
            configs.put("retention.bytes", "-1");
        }
        if (Topics.SIGNALS.name().equals(topic)) {
            // read at once by the rooms' deciders; a day covers any restart of theirs, and older battery signals no longer matter
            configs.put("retention.ms", Long.toString(SIGNALS_RETENTION_MS));
        }
        if (replication > 1) {
            configs.put("min.insync.replicas", Integer.toString(replication - 1));
        }
        return configs;
    }

    /**
     * Waits until every partition of {@code topics} has a leader. A producer that writes to a topic the broker has
     * not finished creating can have its first batch refused while later ones are taken (the broker takes any
     * sequence from a producer it does not know yet); the first batch then fails for good with an out-of-order
     * sequence, and its readings are lost. Seen with Kafka 4.3 on a fresh KRaft broker (bench detect).
     */
    static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            boolean ready = described.values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics + " still have no leader after 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** Ensures all of {@link Topics#ALL} exist with {@code partitions} partitions and {@code replication} replicas. */
    public static void ensureTopics(Properties adminConfig, int partitions, short replication) {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicDescriptor<String, ?> topic : Topics.ALL) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), partitions, replication).configs(configFor(topic.name(), replication)));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
                LOG.info("event=topics_created topics={} partitions={} replication={}",
                        missing.stream().map(NewTopic::name).toList(), partitions, replication);
            } catch (ExecutionException e) {
                // another instance created them first: fine
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Firebreak topics on Kafka: " + e.getMessage(), e);
        }
    }
}
