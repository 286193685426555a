package io.firebreak.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.app.ConfigLoader;
import io.firebreak.app.FirebreakConfig;
import io.firebreak.app.Pipeline;
import io.firebreak.app.TopicDump;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.kafka.TopicDescriptor;
import io.firebreak.telemetry.kafka.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15's fuzz test: 10,000 random and adversarial messages (invented devices, forged alarms from unlisted
 * panels, huge arrays, deep nesting, NaN/Infinity, future and past {@code ts}, {@code seq} jumps, repeats,
 * garbage) through a real Mosquitto into ingest and detection on a real Kafka broker, in live mode with the
 * shipped Pangyo inventory as the allow-list. It ends with ingest and detection up (a listed panel's alarm
 * still drains), no drain from anything forged, every message accounted for (a reading, one whole-message
 * dead letter, a duplicate or a counted drop), only inventory devices in the readings, and the heap flat.
 */
class AdversarialFuzzIT {

    private static final Logger LOG = LoggerFactory.getLogger(AdversarialFuzzIT.class);
    private static final int MESSAGES = 10_000;
    private static final long SEED = 15L;

    @TempDir
    Path dir;

    @Test
    void shouldStayUpAndAccountForEveryMessageWhenTenThousandAdversarialMessagesArrive() throws Exception {
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start(); MosquittoServer mosquitto = MosquittoServer.start()) {
            FirebreakConfig config = new ConfigLoader().load(Files.writeString(dir.resolve("firebreak.yaml"), """
                    inventory: classpath:/inventory/pangyo.yaml
                    time_mode: live
                    mqtt: {server_uri: "%s", client_id: fuzz-ingest}
                    kafka: {bootstrap_servers: "%s", partitions: 3}
                    detect: {state_dir: "%s", commit_interval: 200ms}
                    """.formatted(mosquitto.serverUri(), kafka.bootstrapServers(), dir.resolve("streams"))));
            try (Pipeline pipeline = Pipeline.start(config, EnumSet.of(Pipeline.Service.INGEST, Pipeline.Service.DETECT))) {
                assertThat(pipeline.awaitReady(Duration.ofSeconds(90))).isTrue();

                // When 10,000 adversarial messages arrive (QoS 1, each acknowledged by the broker)
                Map<String, Integer> kinds = new TreeMap<>();
                long heapAtThird = 0;
                AdversarialMessages generator = new AdversarialMessages(SEED);
                try (Sender sender = new Sender(mosquitto.serverUri())) {
                    for (int sent = 0; sent < MESSAGES; sent += 100) {
                        for (AdversarialMessages.Message m : generator.next(100)) {
                            sender.publish(m.topic(), m.payload());
                            kinds.merge(m.kind(), 1, Integer::sum);
                        }
                        if (sent == MESSAGES / 300 * 100) {
                            heapAtThird = liveHeap();
                        }
                    }
                }
                await().atMost(Duration.ofSeconds(120)).until(() -> counter(pipeline, "firebreak.ingest.received") >= MESSAGES
                        && counter(pipeline, "firebreak.ingest.received") == handled(pipeline));

                // Then every message is accounted for, in Kafka and in the counters
                List<Reading> readings = values(kafka, Topics.READINGS);
                List<DeadLetter> letters = values(kafka, Topics.DEAD_LETTERS);
                long whole = letters.stream().filter(DeadLetter::wholeMessage).count();
                long duplicates = (long) counter(pipeline, "firebreak.ingest.duplicates");
                long dropped = (long) counter(pipeline, "firebreak.ingest.dropped");
                LOG.info("event=fuzz_done sent={} readings={} whole_dead_letters={} value_dead_letters={} duplicates={} dropped={} kinds={}",
                        MESSAGES, readings.size(), whole, letters.size() - whole, duplicates, dropped, kinds);
                assertThat(readings.size() + whole + duplicates + dropped).as("each message: a reading, a dead letter, a duplicate or a drop")
                        .isEqualTo(MESSAGES);
                assertThat(letters).filteredOn(l -> l.reason().startsWith("unknown_device")).hasSizeGreaterThan(kinds.get("forged_alarm"));

                // only devices the inventory lists became readings: state keyed by them stays bounded
                Set<String> listed = listedDevices(config);
                assertThat(readings).allSatisfy(r -> assertThat(listed).contains(r.source().deviceId()));

                // nothing forged drained a room, and detection is still up: a listed panel's alarm drains
                assertThat(values(kafka, Topics.DECISIONS)).isEmpty();
                assertThat(pipeline.problems()).isEmpty();
                try (Sender panel = new Sender(mosquitto.serverUri())) {
                    panel.publish("dc/pangyo-a/B3-battery/fire/fp-b3",
                            ("{\"ts\":" + System.currentTimeMillis() + ",\"zone\":\"B3-1\",\"event\":\"alarm\"}").getBytes(StandardCharsets.UTF_8));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> values(kafka, Topics.DECISIONS).stream()
                        .anyMatch(d -> d.room().equals("B3-battery") && DrainDecision.REQUESTED.equals(d.type())));

                // the heap after the run is where it was a third of the way in (no growth with invented names)
                long heapAtEnd = liveHeap();
                LOG.info("event=fuzz_heap third_mb={} end_mb={}", heapAtThird >> 20, heapAtEnd >> 20);
                assertThat(heapAtEnd - heapAtThird).as("live heap growth, bytes").isLessThan(150L << 20);
            }
        }
    }

    private static Set<String> listedDevices(FirebreakConfig config) {
        Set<String> ids = new HashSet<>();
        String site = config.inventory().site();
        for (Room room : config.inventory().rooms()) {
            for (Rack rack : room.racks()) {
                rack.moduleIds().forEach(m -> ids.add(site + "/" + room.id() + "/bms/" + rack.id() + "/" + m));
            }
            room.envSensors().forEach(s -> ids.add(site + "/" + room.id() + "/env/" + s.id()));
            room.firePanels().forEach(p -> ids.add(site + "/" + room.id() + "/fire/" + p.id()));
            room.powerDevices().forEach(p -> ids.add(site + "/" + room.id() + "/power/" + p.id()));
            ids.add(site + "/" + room.id() + "/gateway/" + room.gateway());
        }
        return ids;
    }

    private static double counter(Pipeline pipeline, String name) {
        FunctionCounter counter = pipeline.registry().find(name).functionCounter();
        if (counter != null) {
            return counter.count();
        }
        return pipeline.registry().find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Messages ingest has finished with: forwarded, dead-lettered whole, duplicate or dropped. */
    private static double handled(Pipeline pipeline) {
        return pipeline.registry().find("firebreak.ingest.inflight").gauge() == null ? -1
                : counter(pipeline, "firebreak.ingest.received") - pipeline.registry().find("firebreak.ingest.inflight").gauge().value();
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static <V> List<V> values(KafkaKraftBroker kafka, TopicDescriptor<String, V> topic) {
        return TopicDump.values(kafka.bootstrapServers(), topic);
    }

    /** Publishes QoS 1 and waits for the broker's acknowledgement, retrying while Paho's window is full. */
    private static final class Sender implements AutoCloseable {
        private final MqttClient client;

        Sender(String uri) throws MqttException {
            client = new MqttClient(uri, "fuzz-sender-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options);
        }

        void publish(String topic, byte[] payload) throws Exception {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.publish(topic, payload, 1, false);
                    return;
                } catch (MqttException e) {
                    if (attempt == 100) {
                        throw e;
                    }
                    Thread.sleep(20);
                }
            }
        }

        @Override
        public void close() throws MqttException {
            client.disconnect(2_000);
            client.close(true);
        }
    }
}
