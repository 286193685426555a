package io.firebreak.app.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The Kafka clients' own metrics (consumer lag per partition, records consumed and sent, rebalances, Streams
 * threads), read from the JMX beans every Kafka client registers, for whichever clients the services of
 * this process hold right now: a service restarted with new clients shows up at the next
 * {@link #refresh}, and the meters of clients that closed are removed. Names are
 * {@code kafka_<group>[_topic|_partition]_<metric>} with the bean's {@code client_id}, {@code topic} and
 * {@code partition} as tags, e.g.
 * {@code kafka_consumer_fetch_manager_partition_records_lag{client_id=...,topic=...,partition=...}}.
 */
public final class KafkaClientMeters {

    /** The metrics worth a dashboard, by the bean's {@code type}. Counters end in {@code -total}. */
    private static final Map<String, Set<String>> WANTED = Map.of(
            "consumer-fetch-manager-metrics", Set.of("records-lag", "records-lag-max", "records-consumed-total"),
            "consumer-coordinator-metrics", Set.of("rebalance-total", "failed-rebalance-total", "assigned-partitions",
                    "last-heartbeat-seconds-ago"),
            "consumer-metrics", Set.of("connection-count", "last-poll-seconds-ago"),
            "producer-metrics", Set.of("record-send-total", "record-error-total", "record-retry-total", "request-latency-avg",
                    "connection-count"),
            "stream-thread-metrics", Set.of("process-total", "poll-total", "commit-total", "process-latency-avg"),
            "stream-metrics", Set.of("alive-stream-threads", "failed-stream-threads"));
    private static final List<String> DOMAINS = List.of("kafka.consumer", "kafka.producer", "kafka.streams");
    private static final Set<String> TAG_KEYS = Set.of("client-id", "topic", "partition", "thread-id");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Map<String, List<Meter>> registered = new HashMap<>();

    /** Registers meters for beans that appeared since the last call and removes those of beans that are gone. */
    public synchronized void refresh(MeterRegistry registry) {
        Set<String> seen = new java.util.HashSet<>();
        for (String domain : DOMAINS) {
            Set<ObjectName> names;
            try {
                names = server.queryNames(new ObjectName(domain + ":*"), null);
            } catch (javax.management.MalformedObjectNameException e) {
                throw new IllegalStateException(e);
            }
            for (ObjectName name : names) {
                Set<String> attributes = WANTED.get(name.getKeyProperty("type"));
                if (attributes == null) {
                    continue;
                }
                String key = name.getCanonicalName();
                seen.add(key);
                if (!registered.containsKey(key)) {
                    registered.put(key, register(registry, domain, name, attributes));
                }
            }
        }
        registered.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            e.getValue().forEach(registry::remove);
            return true;
        });
    }

    private List<Meter> register(MeterRegistry registry, String domain, ObjectName name, Set<String> attributes) {
        List<Tag> tags = new ArrayList<>();
        name.getKeyPropertyList().forEach((k, v) -> {
            if (TAG_KEYS.contains(k)) {
                tags.add(Tag.of(k.replace('-', '_'), v));
            }
        });
        String group = name.getKeyProperty("type").replace("-metrics", "").replace('-', '.');
        // one name per set of tags: a client's records-lag-max and a partition's are different meters
        String level = name.getKeyProperty("partition") != null ? ".partition" : name.getKeyProperty("topic") != null ? ".topic" : "";
        String prefix = (domain.startsWith("kafka.streams") ? "kafka.streams." + group : "kafka." + group) + level;
        List<Meter> meters = new ArrayList<>();
        for (String attribute : attributes) {
            if (!hasAttribute(name, attribute)) {
                continue;
            }
            try {
                if (attribute.endsWith("-total")) {
                    String metric = prefix + "." + attribute.substring(0, attribute.length() - "-total".length()).replace('-', '.');
                    meters.add(FunctionCounter.builder(metric, name, n -> read(n, attribute)).tags(tags).register(registry));
                } else {
                    meters.add(Gauge.builder(prefix + "." + attribute.replace('-', '.'), name, n -> read(n, attribute))
                            .tags(tags).register(registry));
                }
            } catch (IllegalArgumentException e) {
                // a registry refusing a meter (tag keys differ from an earlier one of that name) costs that meter only
            }
        }
        return meters;
    }

    private boolean hasAttribute(ObjectName name, String attribute) {
        try {
            for (var info : server.getMBeanInfo(name).getAttributes()) {
                if (info.getName().equals(attribute)) {
                    return true;
                }
            }
            return false;
        } catch (javax.management.JMException e) {
            return false;
        }
    }

    private double read(ObjectName name, String attribute) {
        try {
            Object value = server.getAttribute(name, attribute);
            return value instanceof Number n ? n.doubleValue() : Double.NaN;
        } catch (javax.management.JMException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
