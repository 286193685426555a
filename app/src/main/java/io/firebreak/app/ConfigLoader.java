package io.firebreak.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.firebreak.alerting.AlertingConfig;
import io.firebreak.dashboards.SinkConfig;
import io.firebreak.ingest.DeviceAdmission;
import io.firebreak.ingest.IngestConfig;
import io.firebreak.ingest.MqttTls;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.ThresholdOverrides;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryException;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.Secret;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads {@code firebreak.yaml} and builds each service's typed configuration. Refuses to start on a bad
 * file with a message naming the file and the key: {@code firebreak.yaml: mqtt.server_uri: is required}.
 * Secrets come from environment variables named in the file ({@code password_env}), never the file.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Function<String, String> environment;

    public ConfigLoader() {
        this(System::getenv);
    }

    ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public FirebreakConfig load(Path file) {
        ConfigFile.Root root;
        JsonNode management;
        JsonNode operators;
        try {
            JsonNode tree = YAML.readTree(file.toFile());
            // the management section is read on its own (ManagementSection), the rest as the file's schema
            management = tree instanceof ObjectNode object ? object.remove("management") : null;
            // so is the operators section (OperatorsSection): shared by alerting's and detection's endpoints
            operators = tree instanceof ObjectNode object ? object.remove("operators") : null;
            root = tree == null || tree.isMissingNode() || tree.isNull() ? null : YAML.treeToValue(tree, ConfigFile.Root.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        if (root == null) {
            throw new ConfigException(file + ": the file is empty");
        }
        try {
            FirebreakConfig built = build(root, file.toAbsolutePath().getParent());
            Integer legacyMetricsPort = root.metrics() == null ? null : root.metrics().port();
            OperatorAccess access = OperatorsSection.parse(operators, file.toAbsolutePath().getParent(), environment);
            return new FirebreakConfig(built.inventory(), built.layout(), built.kafka(), built.ingest(),
                    built.detect().withQueryAccess(built.detect().queryHost(), access),
                    built.alerting().withOperatorAccess(access), built.sink(), ManagementSection.parse(management, legacyMetricsPort));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        } catch (InventoryException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private FirebreakConfig build(ConfigFile.Root root, Path base) {
        SiteInventory inventory = inventory(required(root.inventory(), "inventory"), base);
        TimeMode mode = root.timeMode() == null ? TimeMode.LIVE : TimeMode.parse(root.timeMode());
        Duration staleness = Durations.parse(root.staleness(), "staleness", Duration.ofMinutes(2));
        ConfigFile.Mqtt mqtt = required(root.mqtt(), "mqtt");
        TopicLayout layout = new TopicLayout(Objects.requireNonNullElse(mqtt.topicPrefix(), TopicLayout.DEFAULT_PREFIX));
        KafkaSettings kafka = kafka(required(root.kafka(), "kafka"));
        IngestConfig ingest = new IngestConfig(required(mqtt.serverUri(), "mqtt.server_uri"),
                Objects.requireNonNullElse(mqtt.clientId(), "firebreak-ingest-" + hostName()),
                Objects.requireNonNullElse(mqtt.sharedGroup(), "firebreak-ingest"), layout, mqtt.username(),
                secret(mqtt.passwordEnv(), "mqtt.password_env"), kafka, mode, staleness,
                Objects.requireNonNullElse(mqtt.receiveMaximum(), 1000),
                Durations.parse(mqtt.sessionExpiry(), "mqtt.session_expiry", Duration.ofHours(1)));
        ingest = ingest.withClockSkew(Durations.parse(root.clockSkew(), "clock_skew", IngestConfig.DEFAULT_CLOCK_SKEW))
                .withAdmission(new DeviceAdmission(inventory, Objects.requireNonNullElse(mqtt.deviceRate(), DeviceAdmission.DEFAULT_RATE),
                        Objects.requireNonNullElse(mqtt.deviceBurst(), DeviceAdmission.DEFAULT_BURST)));
        if (mqtt.tls() != null) {
            ingest = ingest.withTls(tls(mqtt.tls(), base));
        }
        // metrics.port (ingest's endpoint before there was one per process) is now the management port's fallback
        ConfigFile.Detect detect = Objects.requireNonNullElse(root.detect(), new ConfigFile.Detect(null, null, null, null, null, null, null, null, null));
        DetectionConfig detection = new DetectionConfig(kafka,
                Objects.requireNonNullElse(detect.applicationId(), "firebreak-detect"), inventory, mode,
                ThresholdOverrides.apply(detect.thresholds()), Objects.requireNonNullElse(detect.threads(), 1), Objects.requireNonNullElse(detect.standbyReplicas(), 0),
                Path.of(Objects.requireNonNullElse(detect.stateDir(), System.getProperty("java.io.tmpdir") + "/firebreak-streams")),
                Objects.requireNonNullElse(detect.queryPort(), 0), Objects.requireNonNullElse(detect.advertisedHost(), hostName()),
                Durations.parse(detect.commitInterval(), "detect.commit_interval", DetectionConfig.DEFAULT_COMMIT_INTERVAL),
                Objects.requireNonNullElse(detect.queryHost(), DetectionConfig.DEFAULT_QUERY_HOST), null);
        ConfigFile.Alerting alerting = Objects.requireNonNullElse(root.alerting(),
                new ConfigFile.Alerting(null, null, null, null, null, null, null, null, null, null, null, null, null));
        AlertingConfig alert = new AlertingConfig(kafka, Objects.requireNonNullElse(alerting.groupId(), "firebreak-alerting"), inventory,
                Durations.parse(alerting.targetTimeout(), "alerting.target_timeout", Duration.ofSeconds(5)),
                Objects.requireNonNullElse(alerting.maxAttempts(), 8),
                Durations.parse(alerting.maxBackoff(), "alerting.max_backoff", Duration.ofSeconds(10)),
                Boolean.TRUE.equals(alerting.dryRun()),
                Durations.parse(alerting.warningCountdown(), "alerting.warning_countdown", AlertingConfig.DEFAULT_WARNING_COUNTDOWN),
                Objects.requireNonNullElse(alerting.maxHallsWithoutApproval(), AlertingConfig.DEFAULT_MAX_HALLS_WITHOUT_APPROVAL),
                Durations.parse(alerting.allClear(), "alerting.all_clear", AlertingConfig.DEFAULT_ALL_CLEAR_PERIOD),
                Durations.parse(alerting.escalationAfter(), "alerting.escalation_after", AlertingConfig.DEFAULT_ESCALATION_AFTER),
                alerting.escalationRoutingKeyEnv() == null ? null : new Secret(secret(alerting.escalationRoutingKeyEnv(),
                        "alerting.escalation_routing_key_env"), "env " + alerting.escalationRoutingKeyEnv()),
                Objects.requireNonNullElse(alerting.operatorHost(), AlertingConfig.DEFAULT_OPERATOR_HOST),
                Objects.requireNonNullElse(alerting.operatorPort(), 0)).withConsoleUrl(consoleUrl(alerting.consoleUrl()));
        SinkConfig sink = null;
        if (root.influx() != null) {
            ConfigFile.Influx influx = root.influx();
            sink = new SinkConfig(kafka, Objects.requireNonNullElse(influx.groupId(), "firebreak-sink"),
                    required(influx.url(), "influx.url"), Objects.requireNonNullElse(influx.database(), "firebreak"),
                    influx.username(), secret(influx.passwordEnv(), "influx.password_env"),
                    Objects.requireNonNullElse(influx.batchSize(), 5000), Duration.ofSeconds(30),
                    Durations.parse(influx.rawRetention(), "influx.raw_retention", Duration.ofDays(30)),
                    Durations.parse(influx.longTermRetention(), "influx.long_term_retention", Duration.ofDays(730)),
                    Durations.parse(influx.statsInterval(), "influx.stats_interval", Duration.ofSeconds(10)));
        }
        return new FirebreakConfig(inventory, layout, kafka, ingest, detection, alert, sink);
    }

    private MqttTls tls(ConfigFile.Tls tls, Path base) {
        Path truststore = required(tls.truststore(), "mqtt.tls.truststore") == null ? null : base.resolve(tls.truststore());
        Path keystore = tls.keystore() == null ? null : base.resolve(tls.keystore());
        return new MqttTls(truststore, secret(tls.truststorePasswordEnv(), "mqtt.tls.truststore_password_env"), keystore,
                secret(tls.keystorePasswordEnv(), "mqtt.tls.keystore_password_env"));
    }

    private SiteInventory inventory(String location, Path base) {
        InventoryLoader loader = new InventoryLoader(environment);
        if (location.startsWith("classpath:")) {
            return loader.loadResource(location.substring("classpath:".length()));
        }
        return loader.load(base.resolve(location));
    }

    private KafkaSettings kafka(ConfigFile.Kafka kafka) {
        Map<String, String> properties = new HashMap<>(Objects.requireNonNullElse(kafka.properties(), Map.of()));
        Objects.requireNonNullElse(kafka.propertiesEnv(), Map.<String, String>of())
                .forEach((property, variable) -> properties.put(property, secret(variable, "kafka.properties_env." + property)));
        return new KafkaSettings(required(kafka.bootstrapServers(), "kafka.bootstrap_servers"), properties,
                Objects.requireNonNullElse(kafka.partitions(), 6),
                (short) (int) Objects.requireNonNullElse(kafka.replication(), 1));
    }

    private String secret(String variable, String key) {
        if (variable == null) {
            return null;
        }
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(key + ": environment variable " + variable + " is not set");
        }
        return value;
    }

    private static <T> T required(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + ": is required");
        }
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "local";
        }
    }

    /** A configuration that cannot be used: the message names the file, the key and the problem. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    /** {@code alerting.console_url}, or null when it is not set (then pages and webhooks carry no links). */
    private static java.net.URI consoleUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new java.net.URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("alerting.console_url: is not a URL: " + e.getMessage(), e);
        }
    }
}
