package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.MosquittoServer;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paho's manual acknowledgement against a real Mosquitto: a message stays the broker's until acknowledged,
 * and a reconnect of the same session brings back exactly the unacknowledged ones.
 */
class MqttSessionIT {

    private record Arrival(String payload, int messageId, int qos) {
    }

    private static MosquittoServer mosquitto;
    private static MqttTestPublisher sensors;

    @BeforeAll
    static void startBroker() throws Exception {
        mosquitto = MosquittoServer.start();
        sensors = new MqttTestPublisher(mosquitto.serverUri(), "sensors-session-it");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        sensors.close();
        mosquitto.close();
    }

    @Test
    void shouldRedeliverOnlyTheUnacknowledgedMessageWhenRedeliveryIsRequested() throws Exception {
        // Given: two messages arrive; only the second is acknowledged
        IngestConfig config = IngestConfig.of(mosquitto.serverUri(), "session-it", KafkaSettings.local("127.0.0.1:9"));
        BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        try (MqttSession session = new MqttSession(config, Lane.BATTERY)) {
            session.open((topic, id, qos, payload, retained) -> arrivals.add(new Arrival(new String(payload, StandardCharsets.UTF_8), id, qos)));
            sensors.publish("dc/s/r/env/e1", "first");
            sensors.publish("dc/s/r/env/e1", "second");
            Arrival first = arrivals.poll(10, TimeUnit.SECONDS);
            Arrival second = arrivals.poll(10, TimeUnit.SECONDS);
            assertThat(first.payload()).isEqualTo("first");
            assertThat(second.qos()).isEqualTo(1);
            session.ack(second.messageId(), second.qos());

            // When
            session.requestRedelivery();

            // Then
            Arrival again = arrivals.poll(15, TimeUnit.SECONDS);
            assertThat(again).isNotNull();
            assertThat(again.payload()).isEqualTo("first");
            session.ack(again.messageId(), again.qos());
            assertThat(arrivals.poll(1, TimeUnit.SECONDS)).isNull();

            // and once acknowledged it stays acknowledged across another reconnect
            session.requestRedelivery();
            assertThat(arrivals.poll(5, TimeUnit.SECONDS)).isNull();
            assertThat(session.isConnected()).isTrue();
        }
    }
}
