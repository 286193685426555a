package io.firebreak.dashboards;

import io.firebreak.telemetry.kafka.KafkaSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Configuration of the Kafka to InfluxDB sink, validated when it is built so that the sink refuses to
 * start half-configured. Every message names the key at fault, e.g. {@code influx.url: is required}.
 * {@link #toString()} never shows the password.
 *
 * @param kafka      how to reach Kafka
 * @param groupId    consumer group of the sink ({@code sink.group_id}); null or blank means
 *                   {@value #DEFAULT_GROUP_ID}
 * @param influxUrl  base URL of the InfluxDB 1.x HTTP API ({@code influx.url}), e.g.
 *                   {@code http://influxdb:8086}; must not carry credentials
 * @param database   database written to ({@code influx.database}); null or blank means
 *                   {@value #DEFAULT_DATABASE}
 * @param username   InfluxDB user ({@code influx.username}), or null when auth is off
 * @param password   that user's password ({@code influx.password}), required with a username
 * @param batchSize  most records turned into one InfluxDB write ({@code sink.batch_size}), 1 to 100000
 * @param maxBackoff longest pause between retries of a failed write ({@code sink.max_backoff})
 * @param rawRetention      how long full-resolution points are kept in the default retention policy
 *                          {@value RetentionSetup#RAW} ({@code influx.raw_retention}); null means 30 days
 * @param longTermRetention how long the 1-minute downsampled series are kept in the retention policy
 *                          {@value RetentionSetup#LONG_TERM} ({@code influx.long_term_retention}); null means 2 years
 * @param statsInterval     how often the sink writes its own {@code pipeline} point (consumer lag, batches,
 *                          failures) ({@code influx.stats_interval}); null means 10 seconds
 */
public record SinkConfig(KafkaSettings kafka, String groupId, String influxUrl, String database, String username,
                         String password, int batchSize, Duration maxBackoff, Duration rawRetention,
                         Duration longTermRetention, Duration statsInterval) {

    public static final String DEFAULT_GROUP_ID = "firebreak-sink";
    public static final String DEFAULT_DATABASE = "firebreak";
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_LONG_TERM_RETENTION = Duration.ofDays(730);
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(10);

    /** InfluxDB refuses retention policies shorter than one hour. */
    private static final Duration MIN_RETENTION = Duration.ofHours(1);

    private static final int MAX_BATCH_SIZE = 100_000;
    /** Database names are quoted into {@code CREATE DATABASE}, so they stay plain identifiers. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public SinkConfig {
        if (kafka == null) {
            throw new IllegalArgumentException("kafka: is required");
        }
        groupId = groupId == null || groupId.isBlank() ? DEFAULT_GROUP_ID : groupId.strip();
        influxUrl = checkUrl(influxUrl);
        database = database == null || database.isBlank() ? DEFAULT_DATABASE : database.strip();
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "influx.database: must match " + DATABASE_NAME.pattern() + ", was '" + database + "'");
        }
        username = username == null || username.isBlank() ? null : username.strip();
        if (username != null && password == null) {
            throw new IllegalArgumentException("influx.password: is required when influx.username is set");
        }
        if (username == null && password != null) {
            throw new IllegalArgumentException("influx.username: is required when influx.password is set");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "sink.batch_size: must be between 1 and " + MAX_BATCH_SIZE + ", was " + batchSize);
        }
        if (maxBackoff == null || maxBackoff.isNegative() || maxBackoff.isZero()) {
            throw new IllegalArgumentException("sink.max_backoff: must be positive, was " + maxBackoff);
        }
        rawRetention = checkRetention(rawRetention, DEFAULT_RAW_RETENTION, "influx.raw_retention");
        longTermRetention = checkRetention(longTermRetention, DEFAULT_LONG_TERM_RETENTION, "influx.long_term_retention");
        statsInterval = statsInterval == null ? DEFAULT_STATS_INTERVAL : statsInterval;
        if (statsInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("influx.stats_interval: must be at least 1s, was " + statsInterval);
        }
    }

    /** The configuration of the first release, with the default retention policies and stats interval. */
    public SinkConfig(KafkaSettings kafka, String groupId, String influxUrl, String database, String username,
                      String password, int batchSize, Duration maxBackoff) {
        this(kafka, groupId, influxUrl, database, username, password, batchSize, maxBackoff, null, null, null);
    }

    /** A configuration with the default group, database, batch size and backoff, and auth off. */
    public static SinkConfig of(KafkaSettings kafka, String influxUrl) {
        return new SinkConfig(kafka, null, influxUrl, null, null, null, DEFAULT_BATCH_SIZE, DEFAULT_MAX_BACKOFF);
    }

    /** True when the sink logs in to InfluxDB. */
    public boolean authenticated() {
        return username != null;
    }

    private static Duration checkRetention(Duration value, Duration fallback, String key) {
        Duration retention = value == null ? fallback : value;
        if (retention.compareTo(MIN_RETENTION) < 0 || retention.getNano() != 0) {
            throw new IllegalArgumentException(key + ": must be whole seconds and at least 1h, was " + retention);
        }
        return retention;
    }

    private static String checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("influx.url: is required");
        }
        String trimmed = url.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("influx.url: is not a URL, was '" + trimmed + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("influx.url: must be an http(s) URL with a host, was '" + trimmed + "'");
        }
        if (uri.getUserInfo() != null) {
            // a URL is logged and shown freely, so it must not hold a secret
            throw new IllegalArgumentException("influx.url: must not carry credentials, use influx.username and influx.password");
        }
        return trimmed;
    }

    @Override
    public String toString() {
        return "SinkConfig[kafka=" + kafka + ", groupId=" + groupId + ", influxUrl=" + influxUrl + ", database=" + database
                + ", username=" + username + ", password=" + (password == null ? null : "***") + ", batchSize=" + batchSize
                + ", maxBackoff=" + maxBackoff + ", rawRetention=" + rawRetention + ", longTermRetention=" + longTermRetention
                + ", statsInterval=" + statsInterval + "]";
    }
}
