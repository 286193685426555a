package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kill -9 of the ingest process mid-stream: the broker redelivers what the killed process had not
 * acknowledged, and the next process (same client id) recovers each device's latest seq from Kafka, so every
 * published seq ends up in Kafka exactly once.
 */
class IngestKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(IngestKillIT.class);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> MODULES = List.of("M01", "M02", "M03", "M04", "M05");
    private static final int SEQS = 600;

    @TempDir
    Path dir;

    @Test
    void shouldWriteEverySeqExactlyOnceWhenIngestIsKilledWithSigkillMidStream() throws Exception {
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start();
             MosquittoServer mosquitto = MosquittoServer.start()) {
            KafkaSettings.local(kafka.bootstrapServers()).ensureTopics();
            try (KafkaTopicReader<Reading> readings = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.READINGS);
                 SeqStream sensors = new SeqStream(mosquitto.serverUri(), "sensors-kill", "kill", MODULES, SEQS, 2_000)) {
                // Given: ingest in its own JVM, and sensors publishing steadily
                IngestProcess first = IngestProcess.start(dir.resolve("first.log"), mosquitto.serverUri(), "ingest-kill",
                        "ingest-kill", kafka.bootstrapServers());
                sensors.start();
                await().atMost(WAIT).until(() -> sensors.countOf(readings.poll()) >= 600);

                // When: SIGKILL mid-stream, then a new process with the same client id
                first.kill();
                long publishedAtKill = sensors.published();
                try (IngestProcess second = IngestProcess.start(dir.resolve("second.log"), mosquitto.serverUri(),
                        "ingest-kill", "ingest-kill", kafka.bootstrapServers())) {
                    assertThat(sensors.awaitDone(WAIT)).isTrue();

                    // Then
                    await().atMost(WAIT).until(() -> sensors.countOf(readings.poll()) >= sensors.total());
                    Thread.sleep(1_000); // late duplicates would show up now
                    assertThat(publishedAtKill).isBetween(600L, sensors.total() - 1);
                    sensors.assertEverySeqExactlyOnce(readings.poll());
                    assertThat(sensors.countOf(readings.poll())).isEqualTo(sensors.total());
                    assertThat(Files.readString(dir.resolve("second.log"))).contains("event=seq_recovered");
                    Thread.sleep(300);
                    LOG.info("event=kill_test_done published_at_kill={} first=[{}] second=[{}]", publishedAtKill,
                            first.lastStats(), second.lastStats());
                }
            }
        }
    }
}
