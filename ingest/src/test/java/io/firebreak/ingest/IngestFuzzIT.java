package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.FreePorts;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thousands of malformed messages against real Mosquitto and Kafka: ingest stays up and every message is
 * accounted for, either as a reading or as a whole-message dead letter, and the metrics agree with Kafka.
 */
class IngestFuzzIT {

    private static final Logger LOG = LoggerFactory.getLogger(IngestFuzzIT.class);
    private static final int MESSAGES = 3_000;
    private static final long SEED = 20221015L;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void shouldAccountForEveryMessageWhenThousandsOfMalformedPayloadsArrive() throws Exception {
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start();
             MosquittoServer mosquitto = MosquittoServer.start()) {
            // Given
            KafkaSettings.local(kafka.bootstrapServers()).ensureTopics();
            IngestConfig config = IngestConfig.of(mosquitto.serverUri(), "ingest-fuzz", KafkaSettings.local(kafka.bootstrapServers()))
                    .withMetricsPort(FreePorts.find());
            try (IngestService ingest = new IngestService(config);
                 MqttTestPublisher sensors = new MqttTestPublisher(mosquitto.serverUri(), "sensors-fuzz");
                 KafkaTopicReader<Reading> readings = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.READINGS);
                 KafkaTopicReader<DeadLetter> deadLetters = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.DEAD_LETTERS)) {
                ingest.start();
                MalformedPayloads generator = new MalformedPayloads(SEED, "fz");
                List<MalformedPayloads.Message> sent = new ArrayList<>();

                // When
                for (int i = 0; i < MESSAGES; i++) {
                    MalformedPayloads.Message message = generator.next(i);
                    sensors.publish(message.topic(), message.payload());
                    sent.add(message);
                }

                // Then: each message is a reading or a whole-message dead letter, exactly once
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                        .until(() -> readings.poll().size() + wholeMessages(deadLetters.poll()).size() >= MESSAGES);
                Thread.sleep(500); // nothing more may arrive
                List<ConsumerRecord<String, Reading>> readingRecords = readings.poll();
                List<ConsumerRecord<String, DeadLetter>> letters = deadLetters.poll();
                Set<String> outcomes = new HashSet<>();
                readingRecords.forEach(r -> assertThat(outcomes.add(r.value().source().deviceId())).isTrue());
                wholeMessages(letters).forEach(d -> assertThat(outcomes.add(d.value().originalTopic().substring(3))).isTrue());
                assertThat(outcomes).hasSize(MESSAGES)
                        .containsExactlyInAnyOrderElementsOf(sent.stream().map(m -> m.topic().substring(3)).toList());
                Map<String, Long> kinds = sent.stream().collect(Collectors.groupingBy(MalformedPayloads.Message::kind, Collectors.counting()));
                assertThat(kinds).hasSize(11);
                assertThat(readingRecords).isNotEmpty();
                LOG.info("event=fuzz_accounted messages={} readings={} whole_message_dead_letters={} value_dead_letters={} kinds={}",
                        MESSAGES, readingRecords.size(), wholeMessages(letters).size(),
                        letters.size() - wholeMessages(letters).size(), kinds);

                // and the metrics agree with Kafka; the process is still up and forwarding
                MetricsScraper metrics = new MetricsScraper(ingest.metricsPort());
                String text = metrics.get().body();
                assertThat(MetricsScraper.valueIn(text, "firebreak_ingest_received_total")).isEqualTo(MESSAGES);
                assertThat(MetricsScraper.valueIn(text, "firebreak_ingest_forwarded_total")).isEqualTo(readingRecords.size());
                assertThat(MetricsScraper.sumIn(text, "firebreak_ingest_rejected_total")).isEqualTo(letters.size());
                assertThat(MetricsScraper.valueIn(text, "firebreak_ingest_rejected_total{reason=\"other\"}")).isZero();
                assertThat(MetricsScraper.valueIn(text, "firebreak_ingest_duplicates_total")).isZero();
                text.lines().filter(l -> l.startsWith("firebreak_ingest_rejected_total{"))
                        .forEach(l -> LOG.info("event=fuzz_metric {}", l));
                assertThat(ingest.stats().sendFailures()).isZero();
                assertThat(ingest.isConnected()).isTrue();
                sensors.publish("dc/fz/B1/env/after", "{\"ts\":" + System.currentTimeMillis() + ",\"rh\":40}");
                await().atMost(WAIT).until(() -> readings.poll().stream()
                        .anyMatch(r -> r.value().source().device().equals("after")));
            }
        }
    }

    private static List<ConsumerRecord<String, DeadLetter>> wholeMessages(List<ConsumerRecord<String, DeadLetter>> letters) {
        return letters.stream().filter(d -> d.value().wholeMessage()).toList();
    }
}
