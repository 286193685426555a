package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.telemetry.kafka.KafkaSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    private static final KafkaSettings KAFKA = KafkaSettings.local("localhost:9092");

    @Test
    void shouldApplyDefaultsWhenOptionalKeysAreMissing() {
        SinkConfig config = SinkConfig.of(KAFKA, "http://influxdb:8086");

        assertThat(config.groupId()).isEqualTo("firebreak-sink");
        assertThat(config.database()).isEqualTo("firebreak");
        assertThat(config.batchSize()).isEqualTo(500);
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.authenticated()).isFalse();
        assertThat(config.rawRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.longTermRetention()).isEqualTo(Duration.ofDays(730));
        assertThat(config.statsInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldNameTheKeyWhenRetentionIsShorterThanAnHourOrFractional() {
        assertThatThrownBy(() -> new SinkConfig(KAFKA, null, "http://i:8086", null, null, null, 10, Duration.ofSeconds(1),
                Duration.ofMinutes(30), null, null)).hasMessageStartingWith("influx.raw_retention: must be whole seconds and at least 1h");
        assertThatThrownBy(() -> new SinkConfig(KAFKA, null, "http://i:8086", null, null, null, 10, Duration.ofSeconds(1),
                null, Duration.ofHours(2).plusMillis(5), null)).hasMessageStartingWith("influx.long_term_retention:");
        assertThatThrownBy(() -> new SinkConfig(KAFKA, null, "http://i:8086", null, null, null, 10, Duration.ofSeconds(1),
                null, null, Duration.ofMillis(10))).hasMessageStartingWith("influx.stats_interval: must be at least 1s");
    }

    @Test
    void shouldNameTheKeyWhenUrlIsMissingOrNotHttp() {
        assertThatThrownBy(() -> SinkConfig.of(KAFKA, null)).hasMessage("influx.url: is required");
        assertThatThrownBy(() -> SinkConfig.of(KAFKA, "ftp://influxdb")).hasMessageStartingWith("influx.url: must be an http(s) URL");
        assertThatThrownBy(() -> SinkConfig.of(KAFKA, "http://admin:s3cret@influxdb:8086"))
                .hasMessageStartingWith("influx.url: must not carry credentials")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void shouldRejectBadValuesWhenBuilt() {
        assertThatThrownBy(() -> new SinkConfig(null, null, "http://i:8086", null, null, null, 10, Duration.ofSeconds(1)))
                .hasMessage("kafka: is required");
        assertThatThrownBy(() -> new SinkConfig(KAFKA, null, "http://i:8086", "fire\"break", null, null, 10, Duration.ofSeconds(1)))
                .hasMessageStartingWith("influx.database:");
        assertThatThrownBy(() -> new SinkConfig(KAFKA, null, "http://i:8086", null, "sink", null, 10, Duration.ofSeconds(1)))
                .hasMessage("influx.password: is required when influx.username is set");
        assertThatThrownBy(() -> new SinkConfig(KAFKA, null, "http://i:8086", null, null, null, 0, Duration.ofSeconds(1)))
                .hasMessage("sink.batch_size: must be between 1 and 100000, was 0");
        assertThatThrownBy(() -> new SinkConfig(KAFKA, null, "http://i:8086", null, null, null, 10, Duration.ZERO))
                .hasMessageStartingWith("sink.max_backoff: must be positive");
    }

    @Test
    void shouldMaskPasswordWhenPrinted() {
        SinkConfig config = new SinkConfig(KAFKA, "g", "http://i:8086", "db", "sink", "s3cret", 10, Duration.ofSeconds(1));

        assertThat(config.toString()).contains("username=sink", "password=***").doesNotContain("s3cret");
    }
}
