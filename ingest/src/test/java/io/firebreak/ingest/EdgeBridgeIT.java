package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped edge bridge (deploy/mosquitto/edge-bridge.conf) between a room's broker and the central
 * broker ingest reads, on two real Mosquitto processes: the central broker is stopped for a minute (longer
 * with {@code -Dfirebreak.bridge.cut}) while the room keeps publishing, then comes back. Every reading published during the cut reaches Kafka, once.
 */
class EdgeBridgeIT {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeBridgeIT.class);
    /** A minute in the test suite; {@code -Dfirebreak.bridge.cut=PT2M} for the two-minute cut. */
    private static final Duration CUT = Duration.parse(System.getProperty("firebreak.bridge.cut", "PT60S"));
    private static final String TOPIC = "dc/pangyo-a/B3-battery/env/asd-b3-1";

    @Test
    void shouldDeliverEveryReadingOnceWhenTheLinkToTheCentralBrokerIsCutForAMinute() throws Exception {
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start(); MosquittoServer central = MosquittoServer.start();
             MosquittoServer edge = MosquittoServer.startWith(bridgeTo(central))) {
            KafkaSettings settings = KafkaSettings.local(kafka.bootstrapServers());
            settings.ensureTopics();
            // direct subscriptions, as in IngestMosquittoRestartIT: Debian's Mosquitto 2.0.11 does not restore a
            // persistent session's $share subscriptions after the broker restarts (see ingest/README.md)
            IngestConfig config = IngestConfig.of(central.serverUri(), "ingest-central", settings).withTime(TimeMode.REPLAY, Duration.ofMinutes(2))
                    .withSharedGroup(null);
            try (IngestService ingest = new IngestService(config);
                 MqttTestPublisher gateway = new MqttTestPublisher(edge.serverUri(), "gw-b3-edge");
                 KafkaTopicReader<Reading> readings = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.READINGS)) {
                ingest.start();

                // Given the room publishing through its edge broker, 20 readings a second
                int seq = 0;
                seq = publish(gateway, seq, Duration.ofSeconds(3));
                await().atMost(Duration.ofSeconds(30)).until(() -> !readings.poll().isEmpty());

                // When the central broker is away for a minute while the room keeps publishing
                central.stop();
                seq = publish(gateway, seq, CUT);
                central.restart();
                int sent = publish(gateway, seq, Duration.ofSeconds(3));

                // Then every reading reaches Kafka, once
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> readings.poll().stream()
                        .map(r -> r.value().seq()).distinct().count() >= sent);
                Map<Long, Long> counts = readings.poll().stream().map(ConsumerRecord::value)
                        .collect(Collectors.groupingBy(Reading::seq, Collectors.counting()));
                LOG.info("event=edge_bridge_done cut_s={} sent={} received={} duplicates={}", CUT.toSeconds(), sent, counts.size(),
                        counts.values().stream().filter(c -> c > 1).count());
                assertThat(counts).hasSize(sent).allSatisfy((s, count) -> assertThat(count).as("seq " + s).isEqualTo(1));
                assertThat(ingest.stats().gaps()).as("no seq skipped").isZero();
            }
        }
    }

    /** The shipped bridge, pointed at {@code central} on loopback without TLS or credentials (the test broker has neither). */
    private static String bridgeTo(MosquittoServer central) throws Exception {
        String shipped = Files.readString(Path.of("..", "deploy", "mosquitto", "edge-bridge.conf"));
        StringBuilder config = new StringBuilder("\n");
        for (String line : shipped.split("\n")) {
            if (line.startsWith("persistence ") || line.startsWith("max_queued_messages") || line.startsWith("remote_username")
                    || line.startsWith("remote_password") || line.startsWith("bridge_cafile") || line.startsWith("bridge_insecure")) {
                continue; // the generated part sets persistence and the queue; no TLS or users here
            }
            config.append(line.startsWith("address ") ? "address 127.0.0.1:" + central.port() : line).append('\n');
        }
        return config.toString();
    }

    private static int publish(MqttTestPublisher gateway, int from, Duration during) throws Exception {
        long end = System.nanoTime() + during.toNanos();
        int seq = from;
        while (System.nanoTime() < end) {
            seq++;
            gateway.publish(TOPIC, "{\"ts\":" + (1_665_814_745_000L + seq * 50L) + ",\"seq\":" + seq + ",\"voc_ppm\":0.1}");
            Thread.sleep(50);
        }
        return seq;
    }
}
