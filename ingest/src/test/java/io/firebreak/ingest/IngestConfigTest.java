package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    private static final KafkaSettings KAFKA = KafkaSettings.local("127.0.0.1:9092");

    private static IngestConfig valid() {
        return IngestConfig.of("tcp://127.0.0.1:1883", "ingest-1", KAFKA);
    }

    @Test
    void shouldApplyDocumentedDefaultsWhenBuiltFromServerClientAndKafka() {
        // When
        IngestConfig config = valid();

        // Then
        assertThat(config.sharedGroup()).isEqualTo("firebreak-ingest");
        assertThat(config.layout().prefix()).isEqualTo("dc");
        assertThat(config.timeMode()).isEqualTo(TimeMode.LIVE);
        assertThat(config.receiveMaximum()).isEqualTo(1000);
        assertThat(config.subscriptionFilter()).isEqualTo("$share/firebreak-ingest/dc/#");
    }

    @Test
    void shouldSubscribeToThePlainFilterWhenNoSharedGroupIsSet() {
        // Given
        IngestConfig config = valid().withSharedGroup(null).withLayout(new TopicLayout("acme/dc"));

        // Then
        assertThat(config.subscriptionFilter()).isEqualTo("acme/dc/#");
    }

    @Test
    void shouldNameTheKeyWhenServerUriIsMissingOrMalformed() {
        assertThatThrownBy(() -> IngestConfig.of(" ", "ingest-1", KAFKA))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mqtt.server_uri: is required");
        assertThatThrownBy(() -> IngestConfig.of("http://x", "ingest-1", KAFKA))
                .hasMessageStartingWith("mqtt.server_uri: must start with tcp://");
    }

    @Test
    void shouldNameTheKeyWhenClientIdOrSharedGroupIsInvalid() {
        assertThatThrownBy(() -> IngestConfig.of("tcp://h:1883", null, KAFKA)).hasMessage("mqtt.client_id: is required");
        assertThatThrownBy(() -> IngestConfig.of("tcp://h:1883", "a/b", KAFKA)).hasMessageStartingWith("mqtt.client_id: must match");
        assertThatThrownBy(() -> valid().withSharedGroup("g#")).hasMessageStartingWith("mqtt.shared_group: must match");
    }

    @Test
    void shouldNameTheKeyWhenFlowControlOrTimeIsOutOfRange() {
        assertThatThrownBy(() -> valid().withFlowControl(0, Duration.ofHours(1)))
                .hasMessage("mqtt.receive_maximum: must be 1 to 65535, was 0");
        assertThatThrownBy(() -> valid().withFlowControl(10, Duration.ofSeconds(-1)))
                .hasMessageStartingWith("mqtt.session_expiry: must be");
        assertThatThrownBy(() -> valid().withTime(TimeMode.LIVE, Duration.ZERO))
                .hasMessageStartingWith("ingest.staleness: must be positive");
        assertThatThrownBy(() -> valid().withTime(null, Duration.ofSeconds(1))).hasMessage("time_mode: is required");
        assertThatThrownBy(() -> IngestConfig.of("tcp://h:1883", "c", null)).hasMessage("kafka: is required");
    }

    @Test
    void shouldRejectPasswordWhenNoUsernameIsGiven() {
        assertThatThrownBy(() -> valid().withCredentials(null, "s3cret")).hasMessage("mqtt.password: needs mqtt.username");
    }

    @Test
    void shouldMaskThePasswordWhenPrinted() {
        // Given
        IngestConfig config = valid().withCredentials("ingest", "s3cret-value");

        // Then
        assertThat(config.toString()).contains("username=ingest").contains("password=***").doesNotContain("s3cret");
    }

    @Test
    void shouldKeepTheElevenArgumentConstructorWithoutMetricsOrTlsWhenCalledAsTheFoundationDid() {
        // When
        IngestConfig config = new IngestConfig("tcp://127.0.0.1:1883", "ingest-1", "g", TopicLayout.defaults(), "u", "p",
                KAFKA, TimeMode.REPLAY, Duration.ofSeconds(5), 10, Duration.ofMinutes(5));

        // Then
        assertThat(config.metricsPort()).isZero();
        assertThat(config.tls()).isNull();
        assertThat(config.withMetricsPort(9464).metricsPort()).isEqualTo(9464);
        assertThat(config.withMetricsPort(9464).password()).isEqualTo("p");
    }

    @Test
    void shouldRefuseMetricsPortWhenOutsideTheTcpRange() {
        // When / Then
        assertThatThrownBy(() -> valid().withMetricsPort(70_000)).hasMessage("metrics.port: must be 0 (off) to 65535, was 70000");
        assertThatThrownBy(() -> valid().withMetricsPort(-1)).hasMessageStartingWith("metrics.port:");
    }
}
