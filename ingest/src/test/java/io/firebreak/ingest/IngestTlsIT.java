package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest over MQTT with TLS and a client certificate, against a real Mosquitto that requires one. */
class IngestTlsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static KafkaKraftBroker kafka;
    private static TlsMosquitto mosquitto;

    @BeforeAll
    static void startBrokers() throws Exception {
        kafka = KafkaKraftBroker.start();
        KafkaSettings.local(kafka.bootstrapServers()).ensureTopics();
        mosquitto = new TlsMosquitto(dir);
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static IngestConfig config(String clientId, MqttTls tls) {
        return IngestConfig.of(mosquitto.tlsUri(), clientId, KafkaSettings.local(kafka.bootstrapServers()))
                .withSharedGroup(clientId).withTls(tls);
    }

    @Test
    void shouldForwardReadingsWhenConnectedOverTlsWithAClientCertificate() throws Exception {
        // Given
        MqttTls tls = new MqttTls(mosquitto.truststore(), TlsMosquitto.STORE_PASSWORD, mosquitto.clientKeystore(),
                TlsMosquitto.STORE_PASSWORD);
        try (IngestService ingest = new IngestService(config("ingest-tls", tls));
             MqttTestPublisher sensors = new MqttTestPublisher(mosquitto.plainUri(), "sensors-tls");
             KafkaTopicReader<Reading> readings = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.READINGS)) {
            ingest.start();

            // When
            sensors.publish("dc/tls/B3/env/s1", "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":1,\"rh\":40.0}");

            // Then
            await().atMost(WAIT).until(() -> readings.poll().stream().anyMatch(r -> r.value().source().site().equals("tls")));
            assertThat(ingest.isConnected()).isTrue();
        }
    }

    @Test
    void shouldRefuseToStartWhenTheBrokerRequiresAClientCertificateAndNoneIsConfigured() {
        // Given
        MqttTls trustOnly = new MqttTls(mosquitto.truststore(), TlsMosquitto.STORE_PASSWORD, null, null);
        IngestService ingest = new IngestService(config("ingest-tls-nocert", trustOnly));

        // When / Then
        assertThatThrownBy(ingest::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot connect to mqtt at " + mosquitto.tlsUri());
        ingest.close();
    }
}
