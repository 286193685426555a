package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.streams.DetectionConfig;
import io.firebreak.telemetry.contract.TimeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("firebreak.yaml"), yaml);
    }

    @Test
    void shouldLoadTheShippedExampleConfiguration() {
        FirebreakConfig config = new ConfigLoader(name -> null).load(Path.of("../examples/firebreak.yaml"));

        assertThat(config.inventory().site()).isEqualTo("pangyo-a");
        assertThat(config.ingest().subscriptionFilter()).isEqualTo("$share/firebreak-ingest/dc/#");
        assertThat(config.ingest().staleness()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.ingest().clockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.detect().timeMode()).isEqualTo(TimeMode.LIVE);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.alerting().maxAttempts()).isEqualTo(8);
        assertThat(config.sink().influxUrl()).isEqualTo("http://127.0.0.1:8086");
        assertThat(config.detect().commitInterval()).isEqualTo(DetectionConfig.DEFAULT_COMMIT_INTERVAL);
    }

    @Test
    void shouldLoadTheDockerComposeDeploymentConfiguration() {
        FirebreakConfig config = new ConfigLoader(java.util.Map.of("FIREBREAK_MQTT_PASSWORD", "fake-for-test")::get)
                .load(Path.of("../deploy/firebreak.yaml"));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.ingest().username()).isEqualTo("firebreak-ingest");
        assertThat(config.ingest().password()).isEqualTo("fake-for-test");
        assertThat(config.ingest().admission().inventory()).isSameAs(config.inventory());
        assertThat(config.sink()).isNotNull();
        assertThat(config.sink().rawRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void shouldUseTheInventoryAsTheAllowListAndTakeTheDeviceRateNamingTheKeyWhenBad() throws IOException {
        Path defaults = write("inventory: classpath:/inventory/pangyo.yaml\nmqtt: {server_uri: tcp://a:1}\nkafka: {bootstrap_servers: k:9092}\n");
        FirebreakConfig config = new ConfigLoader(name -> null).load(defaults);
        assertThat(config.ingest().admission().inventory()).isSameAs(config.inventory());
        assertThat(config.ingest().admission().ratePerSecond()).isEqualTo(100.0);

        Path bad = write("inventory: classpath:/inventory/pangyo.yaml\nmqtt: {server_uri: tcp://a:1, device_rate: -1}\nkafka: {bootstrap_servers: k:9092}\n");
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(bad)).hasMessageContaining("mqtt.device_rate: must be 0 (off) to");
    }

    @Test
    void shouldTakeTheClockSkewAndRefuseANonPositiveOne() throws IOException {
        Path ok = write("inventory: classpath:/inventory/pangyo.yaml\nclock_skew: 90s\nmqtt: {server_uri: tcp://a:1}\nkafka: {bootstrap_servers: k:9092}\n");
        assertThat(new ConfigLoader(name -> null).load(ok).ingest().clockSkew()).isEqualTo(Duration.ofSeconds(90));

        Path bad = write("inventory: classpath:/inventory/pangyo.yaml\nclock_skew: 0s\nmqtt: {server_uri: tcp://a:1}\nkafka: {bootstrap_servers: k:9092}\n");
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(bad)).hasMessageContaining("clock_skew: must be positive");
    }

    @Test
    void shouldNameTheFileAndKeyWhenARequiredKeyIsMissing() throws IOException {
        Path file = write("inventory: classpath:/inventory/pangyo.yaml\nmqtt: {}\nkafka: {bootstrap_servers: k:9092}\n");

        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(file))
                .hasMessage(file + ": mqtt.server_uri: is required");
    }

    @Test
    void shouldRejectUnknownKeysAndBadValues() throws IOException {
        Path typo = write("inventory: x\nmqtt: {server_url: tcp://a:1}\n");
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(typo)).hasMessageContaining("Unrecognized field \"server_url\"");

        Path mode = write("inventory: classpath:/inventory/pangyo.yaml\ntime_mode: later\nmqtt: {server_uri: tcp://a:1}\nkafka: {bootstrap_servers: k:9092}\n");
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(mode)).hasMessage(mode + ": time_mode: must be live or replay, was 'later'");
    }

    @Test
    void shouldReadSecretsFromTheEnvironmentOnly() throws IOException {
        Path file = write("""
                inventory: classpath:/inventory/pangyo.yaml
                mqtt: {server_uri: "tcp://a:1", username: fb, password_env: MQTT_PW}
                kafka: {bootstrap_servers: "k:9092", properties_env: {sasl.jaas.config: JAAS}}
                """);

        FirebreakConfig config = new ConfigLoader(Map.of("MQTT_PW", "s3cret", "JAAS", "jaas-secret")::get).load(file);

        assertThat(config.ingest().password()).isEqualTo("s3cret");
        assertThat(config.ingest().toString()).doesNotContain("s3cret");
        assertThat(config.kafka().clientProperties()).containsEntry("sasl.jaas.config", "jaas-secret");
        assertThat(config.kafka().toString()).doesNotContain("jaas-secret");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("JAAS", "jaas-secret")::get).load(file))
                .hasMessage(file + ": mqtt.password_env: environment variable MQTT_PW is not set");
    }

    @Test
    void shouldSetDetectionThresholdsAndNameABadOne() throws IOException {
        Path good = write("""
                inventory: classpath:/inventory/pangyo.yaml
                mqtt: {server_uri: "tcp://a:1"}
                kafka: {bootstrap_servers: "k:9092"}
                detect: {thresholds: {cell_max_v: 4.25, stuck_after: 20m}}
                """);

        FirebreakConfig config = new ConfigLoader(name -> null).load(good);
        Path bad = write("""
                inventory: classpath:/inventory/pangyo.yaml
                mqtt: {server_uri: "tcp://a:1"}
                kafka: {bootstrap_servers: "k:9092"}
                detect: {thresholds: {cell_max: 4.25}}
                """);

        assertThat(config.detect().thresholds().precursors().cellMaxV()).isEqualTo(4.25);
        assertThat(config.detect().thresholds().precursors().stuckAfter()).isEqualTo(Duration.ofMinutes(20));
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(bad))
                .hasMessageContaining("detect.thresholds.cell_max: unknown threshold");
    }

    @Test
    void shouldSetTheCommitIntervalAndRefuseOneThatWouldDelayDecisions() throws IOException {
        Path good = write("""
                inventory: classpath:/inventory/pangyo.yaml
                mqtt: {server_uri: "tcp://a:1"}
                kafka: {bootstrap_servers: "k:9092"}
                detect: {commit_interval: 250ms}
                """);

        FirebreakConfig config = new ConfigLoader(name -> null).load(good);
        Path slow = write("""
                inventory: classpath:/inventory/pangyo.yaml
                mqtt: {server_uri: "tcp://a:1"}
                kafka: {bootstrap_servers: "k:9092"}
                detect: {commit_interval: 5s}
                """);

        assertThat(config.detect().commitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.detect().streamsProperties()).containsEntry("commit.interval.ms", 250L);
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(slow))
                .hasMessageContaining("detect.commit_interval: must be 10ms to 1s, was 5000ms");
    }

    @Test
    void shouldReadTheManagementSectionAndNameTheKeyWhenAValueIsBad() throws IOException {
        String head = """
                inventory: classpath:/inventory/pangyo.yaml
                mqtt: {server_uri: "tcp://a:1"}
                kafka: {bootstrap_servers: "k:9092"}
                """;

        FirebreakConfig config = new ConfigLoader(name -> null)
                .load(write(head + "management: {port: 9465, host: 0.0.0.0, give_up_after: 90s, heartbeat: 5m}\n"));

        assertThat(config.management()).isEqualTo(new io.firebreak.app.ops.ManagementSettings("0.0.0.0", 9465,
                Duration.ofSeconds(90), Duration.ofMinutes(5)));
        Path bad = write(head + "management: {port: 9465, give_up_after: 0}\n");
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(bad))
                .hasMessageContaining("management.give_up_after: must be between 1s and 24h");
        Path unknown = write(head + "management: {prot: 9465}\n");
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(unknown)).hasMessageContaining("management.prot: unknown key");
    }

    @Test
    void shouldWireTheOperatorQueryAndMetricsEndpoints() throws IOException {
        Path file = write("""
                inventory: classpath:/inventory/pangyo.yaml
                mqtt: {server_uri: "tcp://a:1"}
                kafka: {bootstrap_servers: "k:9092"}
                metrics: {port: 9464}
                detect: {query_port: 8094, advertised_host: detect-1}
                alerting: {operator_port: 8095, warning_countdown: 90s, max_halls_without_approval: 2, all_clear: 1h,
                           escalation_after: 3m, escalation_routing_key_env: ESC}
                """);

        FirebreakConfig config = new ConfigLoader(Map.of("ESC", "esc-key")::get).load(file);

        // metrics.port, from before one management port per process, names that port
        assertThat(config.management().port()).isEqualTo(9464);
        assertThat(config.management().host()).isEqualTo("127.0.0.1");
        assertThat(config.detect().streamsProperties()).containsEntry("application.server", "detect-1:8094");
        assertThat(config.alerting().operatorPort()).isEqualTo(8095);
        assertThat(config.alerting().warningCountdown()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.alerting().maxHallsWithoutApproval()).isEqualTo(2);
        assertThat(config.alerting().allClearPeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(config.alerting().escalationRoutingKey().reveal()).isEqualTo("esc-key");
        assertThat(config.alerting().toString()).doesNotContain("esc-key");
    }

    @Test
    void shouldLinkPagesAndWebhooksToTheConsoleOnlyWhenAConsoleUrlIsSet() throws IOException {
        String head = """
                inventory: classpath:/inventory/pangyo.yaml
                mqtt: {server_uri: "tcp://a:1"}
                kafka: {bootstrap_servers: "k:9092"}
                """;

        FirebreakConfig linked = new ConfigLoader(name -> null)
                .load(write(head + "alerting: {console_url: \"https://firebreak.example/console\"}\n"));
        FirebreakConfig plain = new ConfigLoader(name -> null).load(write(head));

        assertThat(linked.alerting().consoleLinks().incident("alr_1")).hasValue("https://firebreak.example/console#incident/alr_1");
        assertThat(plain.alerting().consoleLinks().enabled()).isFalse();
        Path relative = write(head + "alerting: {console_url: /console}\n");
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(relative))
                .hasMessageContaining("alerting.console_url: must be an absolute http or https URL");
    }
}
