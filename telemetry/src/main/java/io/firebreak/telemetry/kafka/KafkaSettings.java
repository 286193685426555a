package io.firebreak.telemetry.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How every service reaches Kafka: the bootstrap servers plus client properties passed through as they
 * are (security.protocol, sasl.*, ssl.*), and the partitions and replicas of topics it creates.
 * {@link #toString()} never prints property values that may be secrets.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> properties, int partitions, short replication) {

    private static final Set<String> SECRET_HINTS = Set.of("password", "jaas", "secret", "key");

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap_servers: is required");
        }
        properties = Map.copyOf(Objects.requireNonNullElse(properties, Map.of()));
        if (partitions < 1) {
            throw new IllegalArgumentException("kafka.partitions: must be >= 1, was " + partitions);
        }
        if (replication < 1) {
            throw new IllegalArgumentException("kafka.replication: must be >= 1, was " + replication);
        }
    }

    /** Settings for a local broker: 6 partitions, 1 replica, no extra properties. */
    public static KafkaSettings local(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of(), 6, (short) 1);
    }

    /** Base client properties: bootstrap servers and the pass-through properties. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(properties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** Creates Firebreak's topics if they are missing. */
    public void ensureTopics() {
        TopicProvisioner.ensureTopics(clientProperties(), partitions, replication);
    }

    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder();
        properties.keySet().stream().sorted().forEach(key -> {
            boolean secret = SECRET_HINTS.stream().anyMatch(key.toLowerCase(java.util.Locale.ROOT)::contains);
            shown.append(shown.isEmpty() ? "" : ", ").append(key).append('=').append(secret ? "***" : properties.get(key));
        });
        return "KafkaSettings[bootstrap=" + bootstrapServers + ", partitions=" + partitions + ", replication=" + replication
                + ", properties={" + shown + "}]";
    }
}
