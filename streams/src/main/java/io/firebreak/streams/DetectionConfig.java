package io.firebreak.streams;

import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the detection service, validated at construction with messages that name the key.
 *
 * @param applicationId   the Kafka Streams application id: instances with the same id share the work
 * @param standbyReplicas warm copies of each state store on other instances
 */
public record DetectionConfig(KafkaSettings kafka, String applicationId, SiteInventory inventory, TimeMode timeMode,
                              Thresholds thresholds, int threads, int standbyReplicas, Path stateDir) {

    public DetectionConfig {
        Objects.requireNonNull(kafka, "kafka");
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("detect.application_id: is required");
        }
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(timeMode, "time_mode");
        Objects.requireNonNull(thresholds, "detection");
        if (threads < 1) {
            throw new IllegalArgumentException("detect.threads: must be >= 1, was " + threads);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("detect.standby_replicas: must be >= 0, was " + standbyReplicas);
        }
        Objects.requireNonNull(stateDir, "detect.state_dir");
    }

    /** Defaults for one site: application id {@code firebreak-detect}, one thread, no standby. */
    public static DetectionConfig of(KafkaSettings kafka, SiteInventory inventory, TimeMode timeMode, Path stateDir) {
        return new DetectionConfig(kafka, "firebreak-detect", inventory, timeMode, Thresholds.defaults(), 1, 0, stateDir);
    }

    /** Kafka Streams properties: exactly-once v2, a short commit interval so a decision leaves within a second. */
    public Properties streamsProperties() {
        Properties props = kafka.clientProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replication());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }
}
