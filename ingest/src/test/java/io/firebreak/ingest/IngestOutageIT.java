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
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka outages: an MQTT message is acknowledged only after Kafka acknowledged its records, so what arrives
 * while Kafka is down is neither lost nor written twice.
 */
class IngestOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    /** How long Kafka stays down in the first test, as the issue asks. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final List<String> MODULES = List.of("M01", "M02", "M03");

    private static KafkaKraftBroker kafka;
    private static MosquittoServer mosquitto;
    private static KafkaSettings kafkaSettings;
    private static MqttTestPublisher sensors;
    private static KafkaTopicReader<Reading> readings;

    @BeforeAll
    static void startBrokers() throws Exception {
        kafka = KafkaKraftBroker.start();
        mosquitto = MosquittoServer.start();
        kafkaSettings = KafkaSettings.local(kafka.bootstrapServers());
        kafkaSettings.ensureTopics();
        sensors = new MqttTestPublisher(mosquitto.serverUri(), "sensors-outage-it");
        readings = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.READINGS);
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {readings, sensors, mosquitto, kafka}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /**
     * Each test has its own share group: a persistent session left in a group keeps getting its share of the
     * messages while offline (Mosquitto queues them for it), which would hide them from the next test.
     */
    private static IngestConfig config(String clientId) {
        return IngestConfig.of(mosquitto.serverUri(), clientId, kafkaSettings).withSharedGroup(clientId);
    }

    private static void publishSeq(String site, long fromSeq, long toSeq) throws MqttException {
        for (long seq = fromSeq; seq < toSeq; seq++) {
            for (String module : MODULES) {
                sensors.publish("dc/" + site + "/B3/bms/R07/" + module,
                        "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + seq + ",\"cell_v\":[3.3,3.31]}");
            }
        }
    }

    private static List<ConsumerRecord<String, Reading>> readingsOf(String site) {
        return readings.poll().stream().filter(r -> r.value().source().site().equals(site)).toList();
    }

    /** Asserts every module's seq 0 until {@code seqCount} is in Kafka exactly once. */
    private static void assertEverySeqExactlyOnce(String site, long seqCount) {
        Map<String, List<Long>> seqsPerModule = readingsOf(site).stream().collect(Collectors.groupingBy(
                r -> r.value().source().device(), Collectors.mapping(r -> r.value().seq(), Collectors.toList())));
        List<Long> expected = LongStream.range(0, seqCount).boxed().toList();
        assertThat(seqsPerModule).containsOnlyKeys(MODULES);
        assertThat(seqsPerModule.values()).allSatisfy(seqs -> assertThat(seqs).containsExactlyInAnyOrderElementsOf(expected));
    }

    @Test
    void shouldHoldTheBrokerBackAndThenForwardEverySeqExactlyOnceWhenKafkaIsDownForThirtySeconds() throws Exception {
        // Given: at most 20 messages in flight
        try (IngestService ingest = new IngestService(config("outage-a").withFlowControl(20, Duration.ofHours(1)))) {
            ingest.start();
            publishSeq("out-a", 0, 10);
            await().atMost(WAIT).until(() -> readingsOf("out-a").size() == 30);

            // When: Kafka is down for 30 s while the sensors keep publishing (90 messages)
            kafka.stop();
            for (long seq = 10; seq < 40; seq++) {
                publishSeq("out-a", seq, seq + 1);
                Thread.sleep(OUTAGE.toMillis() / 30);
            }
            long receivedDuringOutage = ingest.stats().received();
            double inflightDuringOutage = ingest.meterRegistry().get("firebreak.ingest.inflight").gauge().value();
            long forwardedDuringOutage = ingest.stats().forwarded();
            kafka.restart();

            // Then: the broker held back all but 20 messages, and all arrive exactly once once Kafka is back
            assertThat(forwardedDuringOutage).isEqualTo(30);
            assertThat(receivedDuringOutage).isEqualTo(30 + 20);
            assertThat(inflightDuringOutage).isEqualTo(20);
            await().atMost(WAIT).until(() -> readingsOf("out-a").size() >= 120);
            Thread.sleep(500); // late duplicates would show up now
            assertEverySeqExactlyOnce("out-a", 40);
            assertThat(ingest.stats().sendFailures()).isZero();
        }
    }

    @Test
    void shouldRedeliverToTheNextInstanceWhenIngestStopsDuringKafkaOutage() throws Exception {
        // Given: Kafka is down while an instance has received messages it could not forward
        IngestService first = new IngestService(config("outage-b"));
        first.start();
        kafka.stop();
        publishSeq("out-b", 0, 20);
        await().atMost(WAIT).until(() -> first.stats().received() == 60);

        // When: that instance stops, Kafka comes back, and an instance with the same client id takes over
        first.close();
        kafka.restart();
        try (IngestService second = new IngestService(config("outage-b"))) {
            second.start();

            // Then
            await().atMost(WAIT).until(() -> readingsOf("out-b").size() >= 60);
            Thread.sleep(500);
            assertEverySeqExactlyOnce("out-b", 20);
            assertThat(first.stats().forwarded()).isZero();
            assertThat(second.stats().received()).isEqualTo(60);
        }
    }
}
