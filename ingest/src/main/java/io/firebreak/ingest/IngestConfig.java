package io.firebreak.ingest;

import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Configuration of the MQTT to Kafka bridge, validated at construction with messages that name the key,
 * so the service refuses to start half-configured. {@link #toString()} never shows the password.
 *
 * @param mqttServerUri  the broker, e.g. {@code tcp://mqtt.site:1883} or {@code ssl://...}
 * @param clientId       the MQTT client id; fixed per instance, because the persistent session (and the
 *                       unacknowledged messages the broker redelivers) belongs to it
 * @param sharedGroup    when set, instances subscribe to {@code $share/{group}/{prefix}/#} and split the
 *                       load; null subscribes to {@code {prefix}/#} directly
 * @param layout         the MQTT topic layout (prefix)
 * @param username       MQTT user name, or null for anonymous
 * @param password       MQTT password, or null; never logged
 * @param kafka          how to reach Kafka
 * @param timeMode       live: late readings are marked historical; replay: never
 * @param staleness      live mode: a reading received more than this after its {@code ts} is historical
 * @param receiveMaximum MQTT receive maximum: messages in flight (received, not yet acknowledged)
 * @param sessionExpiry  how long the broker keeps the session (and queues messages) while disconnected
 * @param metricsPort    TCP port of the Prometheus endpoint {@code GET /metrics}; 0 serves none
 * @param tls            trust and key stores for {@code ssl://} brokers, or null for the JVM's default trust
 * @param clockSkew      live mode: a {@code ts} further than this ahead of the time received is refused (a device
 *                       clock that runs ahead, such as local time sent as UTC) as a {@code clock_skew} dead letter
 * @param admission      which devices may send (the inventory) and how fast; null admits all (tests, benchmarks)
 */
public record IngestConfig(String mqttServerUri, String clientId, String sharedGroup, TopicLayout layout,
                           String username, String password, KafkaSettings kafka, TimeMode timeMode,
                           Duration staleness, int receiveMaximum, Duration sessionExpiry, int metricsPort,
                           MqttTls tls, Duration clockSkew, DeviceAdmission admission) {

    public static final String DEFAULT_SHARED_GROUP = "firebreak-ingest";
    public static final Duration DEFAULT_STALENESS = Duration.ofSeconds(30);
    public static final int DEFAULT_RECEIVE_MAXIMUM = 1000;
    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofHours(1);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    /** MQTT 5 client ids and share names: no wildcards, no slashes, at most 65535 bytes in practice. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    public IngestConfig {
        if (mqttServerUri == null || mqttServerUri.isBlank()) {
            throw new IllegalArgumentException("mqtt.server_uri: is required");
        }
        if (!mqttServerUri.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("mqtt.server_uri: must start with tcp://, ssl://, ws:// or wss://, was '"
                    + mqttServerUri + "'");
        }
        requireName(clientId, "mqtt.client_id");
        if (sharedGroup != null) {
            requireName(sharedGroup, "mqtt.shared_group");
        }
        requireNonNull(layout, "mqtt.topic_prefix");
        if (password != null && username == null) {
            throw new IllegalArgumentException("mqtt.password: needs mqtt.username");
        }
        requireNonNull(kafka, "kafka");
        requireNonNull(timeMode, "time_mode");
        requireNonNull(staleness, "ingest.staleness");
        if (staleness.isNegative() || staleness.isZero()) {
            throw new IllegalArgumentException("ingest.staleness: must be positive, was " + staleness);
        }
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("mqtt.receive_maximum: must be 1 to 65535, was " + receiveMaximum);
        }
        requireNonNull(sessionExpiry, "mqtt.session_expiry");
        if (sessionExpiry.isNegative() || sessionExpiry.toSeconds() > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("mqtt.session_expiry: must be 0 to 4294967294 s, was " + sessionExpiry);
        }
        if (metricsPort < 0 || metricsPort > 65_535) {
            throw new IllegalArgumentException("metrics.port: must be 0 (off) to 65535, was " + metricsPort);
        }
        if (clockSkew == null) {
            clockSkew = DEFAULT_CLOCK_SKEW;
        }
        if (clockSkew.isNegative() || clockSkew.isZero()) {
            throw new IllegalArgumentException("clock_skew: must be positive, was " + clockSkew);
        }
        if (admission == null) {
            admission = DeviceAdmission.open();
        }
        if (tls != null && !mqttServerUri.matches("(ssl|wss)://.+")) {
            throw new IllegalArgumentException("mqtt.tls: needs an ssl:// or wss:// mqtt.server_uri, was '" + mqttServerUri + "'");
        }
    }

    /** Without a metrics endpoint and with the JVM's default TLS trust (the foundation's constructor). */
    public IngestConfig(String mqttServerUri, String clientId, String sharedGroup, TopicLayout layout,
                        String username, String password, KafkaSettings kafka, TimeMode timeMode,
                        Duration staleness, int receiveMaximum, Duration sessionExpiry) {
        this(mqttServerUri, clientId, sharedGroup, layout, username, password, kafka, timeMode, staleness,
                receiveMaximum, sessionExpiry, 0, null, DEFAULT_CLOCK_SKEW, null);
    }

    /**
     * Defaults for one instance: topic prefix {@code dc}, shared group {@value #DEFAULT_SHARED_GROUP}, anonymous,
     * live mode with a 30 s staleness bound, receive maximum 1000, session kept one hour.
     */
    public static IngestConfig of(String mqttServerUri, String clientId, KafkaSettings kafka) {
        return new IngestConfig(mqttServerUri, clientId, DEFAULT_SHARED_GROUP, TopicLayout.defaults(), null, null,
                kafka, TimeMode.LIVE, DEFAULT_STALENESS, DEFAULT_RECEIVE_MAXIMUM, DEFAULT_SESSION_EXPIRY);
    }

    /** The subscription filter: the layout's filter, behind {@code $share/{group}/} when a group is set. */
    public String subscriptionFilter() {
        return sharedGroup == null ? layout.filter() : "$share/" + sharedGroup + "/" + layout.filter();
    }

    public IngestConfig withSharedGroup(String group) {
        return new IngestConfig(mqttServerUri, clientId, group, layout, username, password, kafka, timeMode,
                staleness, receiveMaximum, sessionExpiry, metricsPort, tls, clockSkew, admission);
    }

    public IngestConfig withLayout(TopicLayout newLayout) {
        return new IngestConfig(mqttServerUri, clientId, sharedGroup, newLayout, username, password, kafka, timeMode,
                staleness, receiveMaximum, sessionExpiry, metricsPort, tls, clockSkew, admission);
    }

    public IngestConfig withCredentials(String user, String secret) {
        return new IngestConfig(mqttServerUri, clientId, sharedGroup, layout, user, secret, kafka, timeMode,
                staleness, receiveMaximum, sessionExpiry, metricsPort, tls, clockSkew, admission);
    }

    public IngestConfig withTime(TimeMode mode, Duration stalenessBound) {
        return new IngestConfig(mqttServerUri, clientId, sharedGroup, layout, username, password, kafka, mode,
                stalenessBound, receiveMaximum, sessionExpiry, metricsPort, tls, clockSkew, admission);
    }

    public IngestConfig withFlowControl(int maxInFlight, Duration expiry) {
        return new IngestConfig(mqttServerUri, clientId, sharedGroup, layout, username, password, kafka, timeMode,
                staleness, maxInFlight, expiry, metricsPort, tls, clockSkew, admission);
    }

    /** With a Prometheus endpoint on {@code port} (0: none). */
    public IngestConfig withMetricsPort(int port) {
        return new IngestConfig(mqttServerUri, clientId, sharedGroup, layout, username, password, kafka, timeMode,
                staleness, receiveMaximum, sessionExpiry, port, tls, clockSkew, admission);
    }

    /** With {@code skew} as the bound on how far ahead of the time received a live {@code ts} may be. */
    public IngestConfig withClockSkew(Duration skew) {
        return new IngestConfig(mqttServerUri, clientId, sharedGroup, layout, username, password, kafka, timeMode,
                staleness, receiveMaximum, sessionExpiry, metricsPort, tls, skew, admission);
    }

    /** With {@code deviceAdmission} deciding which devices may send and how fast. */
    public IngestConfig withAdmission(DeviceAdmission deviceAdmission) {
        return new IngestConfig(mqttServerUri, clientId, sharedGroup, layout, username, password, kafka, timeMode,
                staleness, receiveMaximum, sessionExpiry, metricsPort, tls, clockSkew, deviceAdmission);
    }

    /** With the trust and key stores for an {@code ssl://} broker. */
    public IngestConfig withTls(MqttTls mqttTls) {
        return new IngestConfig(mqttServerUri, clientId, sharedGroup, layout, username, password, kafka, timeMode,
                staleness, receiveMaximum, sessionExpiry, metricsPort, mqttTls, clockSkew, admission);
    }

    @Override
    public String toString() {
        return "IngestConfig[mqttServerUri=" + mqttServerUri + ", clientId=" + clientId + ", sharedGroup=" + sharedGroup
                + ", prefix=" + layout.prefix() + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", kafka=" + kafka + ", timeMode=" + timeMode.wireName() + ", staleness=" + staleness
                + ", receiveMaximum=" + receiveMaximum + ", sessionExpiry=" + sessionExpiry + ", metricsPort=" + metricsPort
                + ", tls=" + tls + ", allowList=" + (admission.inventory() == null ? "off" : "inventory " + admission.inventory().site())
                + ", deviceRate=" + admission.ratePerSecond() + "/s burst " + admission.burst() + "]";
    }

    private static void requireName(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": is required");
        }
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(key + ": must match " + NAME.pattern() + ", was '" + value + "'");
        }
    }

    private static void requireNonNull(Object value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + ": is required");
        }
    }
}
