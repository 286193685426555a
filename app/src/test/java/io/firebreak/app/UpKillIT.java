package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.app.bench.UpProcess;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.simulators.GroundTruth;
import io.firebreak.simulators.MqttPublisher;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.simulators.SimMessage;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.kafka.Json;
import io.firebreak.telemetry.kafka.TopicDescriptor;
import io.firebreak.telemetry.kafka.Topics;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code firebreak up} killed with SIGKILL twice while the Pangyo fire arrives over MQTT (issue 14): once a
 * third of the way through the recording, and again the moment its drain decision is on Kafka. Each time a
 * new process takes over the same configuration. A second detection instance ({@code firebreak detect},
 * same application id) and a second alerting instance ({@code firebreak alert}, same group) share the rooms
 * and are themselves killed two thirds of the way in, for good: the others take their rooms over. The run must end as if nothing had happened: every reading
 * on Kafka exactly once, one drain decision, and each traffic system's webhook delivered under one
 * {@code webhook-id}, before the power loss in event time.
 */
class UpKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(UpKillIT.class);

    @TempDir
    Path dir;

    @Test
    void shouldLoseNoReadingAndNoDecisionWhenTheProcessIsKilledTwiceDuringAFire() throws Exception {
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start(); MosquittoServer mosquitto = MosquittoServer.start();
             RecordingServer receiver = new RecordingServer()) {
            Path config = config(kafka, mosquitto, receiver);
            FirebreakConfig loaded = new ConfigLoader(name -> null).load(config);
            ScenarioRun run = new ScenarioRun(loaded.inventory(), Scenarios.byName("pangyo-2022").orElseThrow(), loaded.layout(),
                    System.currentTimeMillis(), 7);
            GroundTruth truth = run.groundTruth();
            List<SimMessage> messages = run.messages();

            UpProcess up = UpProcess.start(config, "768m", Files.createDirectories(dir.resolve("up-1")));
            UpProcess secondDetect = UpProcess.start(secondDetectConfig(config), "512m", Files.createDirectories(dir.resolve("detect-b")), "detect");
            UpProcess secondAlert = UpProcess.start(config, "384m", Files.createDirectories(dir.resolve("alert-b")), "alert");
            up.awaitUp(Duration.ofSeconds(90));
            secondDetect.awaitUp(Duration.ofSeconds(90));
            secondAlert.awaitUp(Duration.ofSeconds(90));
            int kills = 0;
            try (MqttPublisher publisher = new MqttPublisher(mosquitto.serverUri(), "kill-sim", loaded.inventory(), loaded.layout())) {
                for (int i = 0; i < messages.size(); i++) {
                    publisher.publish(messages.get(i));
                    if (i == 2 * messages.size() / 3) {
                        LOG.info("event=kill_second_detect_and_alert at_message={}", i);
                        secondDetect.kill();
                        secondAlert.kill();
                    }
                    boolean third = kills == 0 && i == messages.size() / 3;
                    boolean decided = kills == 1 && i % 200 == 0 && !drains(kafka).isEmpty();
                    if (third || decided) {
                        // When: SIGKILL, and a new process with the same configuration
                        LOG.info("event=kill n={} at_message={} of={}", kills + 1, i, messages.size());
                        up.kill();
                        kills++;
                        up = UpProcess.start(config, "768m", Files.createDirectories(dir.resolve("up-" + (kills + 1))));
                        up.awaitUp(Duration.ofSeconds(90));
                    }
                }
            }
            if (kills == 1) {
                // the drain is decided as detection catches up with the end of the recording: kill it then
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> !drains(kafka).isEmpty());
                LOG.info("event=kill n=2 after_decision=true");
                up.kill();
                kills++;
                up = UpProcess.start(config, "768m", Files.createDirectories(dir.resolve("up-3")));
                up.awaitUp(Duration.ofSeconds(90));
            }
            try {
                assertThat(kills).as("killed a third of the way in and once the drain was decided").isEqualTo(2);

                // Then both traffic systems get the one drain, under one webhook-id each
                await().atMost(Duration.ofSeconds(120)).until(() -> receiver.requests("/drain/").stream()
                        .map(r -> r.path()).distinct().count() == 2);
                List<DrainDecision> drains = drains(kafka);
                assertThat(drains).extracting(DrainDecision::id).as("one decision, whatever the kills").containsOnly(drains.get(0).id());
                assertThat(drains.get(0).room()).isEqualTo("B3-battery");
                assertThat(drains.get(0).detectedAt()).as("decided before the power loss").isBetween(truth.ignition(), truth.powerLoss());
                Map<String, Set<String>> webhookIds = receiver.requests("/drain/").stream().collect(Collectors.groupingBy(
                        RecordingServer.Request::path, Collectors.mapping(r -> r.header("webhook-id"), Collectors.toSet())));
                assertThat(webhookIds).containsOnlyKeys("/drain/kakao-traffic", "/drain/naver-traffic")
                        .allSatisfy((target, ids) -> assertThat(ids).as(target).hasSize(1));
                for (RecordingServer.Request drain : receiver.requests("/drain/")) {
                    JsonNode body = Json.mapper().readTree(drain.body());
                    assertThat(body.get("id").asText()).isEqualTo(drains.get(0).id());
                }

                // and every reading that carries a seq is on Kafka exactly once
                Set<String> published = new HashSet<>();
                for (SimMessage m : messages) {
                    JsonNode body = Json.mapper().readTree(m.payloadText());
                    if (body.has("seq")) {
                        published.add(loaded.layout().parse(m.topic()).deviceId() + "#" + body.get("seq").asLong());
                    }
                }
                Map<String, Long> onKafka = values(kafka, Topics.READINGS).stream().filter(r -> r.seq() != null)
                        .collect(Collectors.groupingBy(r -> r.source().deviceId() + "#" + r.seq(), Collectors.counting()));
                LOG.info("event=kill_done published_with_seq={} on_kafka={} duplicates={}", published.size(), onKafka.size(),
                        onKafka.values().stream().filter(c -> c > 1).count());
                assertThat(onKafka.keySet()).as("no reading lost").containsAll(published);
                assertThat(onKafka).as("none twice").allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
            } finally {
                up.close();
                secondDetect.kill();
                secondAlert.kill();
            }
        }
    }

    private Path config(KafkaKraftBroker kafka, MosquittoServer mosquitto, RecordingServer receiver) throws Exception {
        String inventory;
        try (InputStream in = UpKillIT.class.getResourceAsStream("/inventory/pangyo.yaml")) {
            inventory = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("http://127.0.0.1:8089", receiver.base().toString());
        }
        Files.writeString(dir.resolve("site.yaml"), inventory);
        return Files.writeString(dir.resolve("firebreak.yaml"), """
                inventory: site.yaml
                time_mode: replay
                mqtt: {server_uri: "%s", client_id: kill-ingest}
                kafka: {bootstrap_servers: "%s", partitions: 3}
                detect: {state_dir: "%s"}
                alerting: {target_timeout: 2s, max_attempts: 4, max_backoff: 1s}
                """.formatted(mosquitto.serverUri(), kafka.bootstrapServers(), dir.resolve("streams")));
    }

    /** The same configuration with a state directory of its own, for a second detection process. */
    private Path secondDetectConfig(Path config) throws Exception {
        return Files.writeString(dir.resolve("firebreak-detect-b.yaml"),
                Files.readString(config).replace(dir.resolve("streams").toString(), dir.resolve("streams-b").toString()));
    }

    private static List<DrainDecision> drains(KafkaKraftBroker kafka) {
        return values(kafka, Topics.DECISIONS).stream().filter(d -> DrainDecision.REQUESTED.equals(d.type())).toList();
    }

    private static <V> List<V> values(KafkaKraftBroker kafka, TopicDescriptor<String, V> topic) {
        return TopicDump.values(kafka.bootstrapServers(), topic);
    }
}
