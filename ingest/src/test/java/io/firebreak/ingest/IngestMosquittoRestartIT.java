package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mosquitto restarted mid-stream: sensors and ingest reconnect on their own, the broker keeps ingest's
 * persistent session and queued messages across the restart, and every published seq reaches Kafka exactly
 * once (what was forwarded but not acknowledged before the restart comes back and is dropped by seq).
 *
 * <p>The subscription is direct ({@code dc/#}), not shared: Mosquitto 2.0.11 (Debian's package) does not
 * restore a persistent session's {@code $share} subscription from its persistence file correctly. After the
 * restart it acknowledges new publishes but delivers none of them to the session, and re-subscribing does not
 * help (checked with this test; the direct subscription passes). Later 2.0.x releases may fix it (not
 * verified here).
 */
class IngestMosquittoRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> MODULES = List.of("M01", "M02", "M03", "M04", "M05");
    private static final int SEQS = 600;

    @Test
    void shouldWriteEverySeqExactlyOnceWhenMosquittoRestartsMidStream() throws Exception {
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start();
             MosquittoServer mosquitto = MosquittoServer.start()) {
            KafkaSettings settings = KafkaSettings.local(kafka.bootstrapServers());
            settings.ensureTopics();
            IngestConfig config = IngestConfig.of(mosquitto.serverUri(), "ingest-restart", settings)
                    .withSharedGroup(null);
            try (IngestService ingest = new IngestService(config);
                 KafkaTopicReader<Reading> readings = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.READINGS);
                 SeqStream sensors = new SeqStream(mosquitto.serverUri(), "sensors-restart", "restart", MODULES, SEQS, 2_000)) {
                // Given
                ingest.start();
                sensors.start();
                await().atMost(WAIT).until(() -> sensors.countOf(readings.poll()) >= 600);

                // When: the broker goes away for two seconds mid-stream and comes back
                mosquitto.stop();
                long publishedAtStop = sensors.published();
                Thread.sleep(2_000);
                mosquitto.restart();

                // Then
                assertThat(sensors.awaitDone(WAIT)).isTrue();
                await().atMost(WAIT).until(() -> sensors.countOf(readings.poll()) >= sensors.total());
                Thread.sleep(1_000); // late duplicates would show up now
                assertThat(publishedAtStop).isLessThan(sensors.total());
                assertThat(sensors.retries()).isPositive();
                sensors.assertEverySeqExactlyOnce(readings.poll());
                assertThat(sensors.countOf(readings.poll())).isEqualTo(sensors.total());
                await().atMost(WAIT).until(ingest::isConnected);
            }
        }
    }
}
