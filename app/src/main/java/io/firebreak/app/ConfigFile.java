package io.firebreak.app;

import java.util.Map;

/** The YAML shape of {@code firebreak.yaml}, before validation; every field may be missing. */
final class ConfigFile {

    private ConfigFile() {
    }

    record Root(String inventory, String timeMode, String staleness, String clockSkew, Mqtt mqtt, Kafka kafka, Detect detect,
                Alerting alerting, Influx influx, Metrics metrics) {
    }

    record Metrics(Integer port) {
    }

    record Mqtt(String serverUri, String clientId, String sharedGroup, String topicPrefix, String username,
                String passwordEnv, Integer receiveMaximum, String sessionExpiry, Tls tls, Double deviceRate,
                Integer deviceBurst) {
    }

    record Tls(String truststore, String truststorePasswordEnv, String keystore, String keystorePasswordEnv) {
    }

    record Kafka(String bootstrapServers, Integer partitions, Integer replication, Map<String, String> properties,
                 Map<String, String> propertiesEnv) {
    }

    record Detect(String applicationId, String stateDir, Integer threads, Integer standbyReplicas, Integer queryPort,
                  String advertisedHost, Map<String, Object> thresholds, String commitInterval, String queryHost) {
    }

    record Alerting(String groupId, String targetTimeout, Integer maxAttempts, String maxBackoff, Boolean dryRun,
                    String operatorHost, Integer operatorPort, String warningCountdown, Integer maxHallsWithoutApproval,
                    String allClear, String escalationAfter, String escalationRoutingKeyEnv, String consoleUrl) {
    }

    record Influx(String url, String database, String username, String passwordEnv, Integer batchSize, String groupId,
                  String rawRetention, String longTermRetention, String statsInterval) {
    }
}
