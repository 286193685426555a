package io.firebreak.streams.query;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.DetectionService;
import io.firebreak.streams.topology.DetectionTopology;
import io.firebreak.streams.topology.Readings;
import io.firebreak.telemetry.auth.Operator;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.auth.OperatorCredentials;
import io.firebreak.telemetry.auth.TokenHash;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.kafka.Json;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query endpoint of a detection service running on a real Kafka broker. */
class DetectionQueryIT {

    @TempDir
    Path stateDir;

    private static final String TOKEN = "fbo_EXAMPLE-query-token-for-tests-only";

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswerARoomsLevelAndEvidenceOnceItIsCritical() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (KafkaKraftBroker broker = KafkaKraftBroker.start()) {
            KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());
            DetectionConfig config = DetectionConfig.of(kafka, new InventoryLoader(n -> null).loadResource("/inventory/pangyo.yaml"),
                    TimeMode.REPLAY, stateDir).withQueryEndpoint("127.0.0.1", port)
                    .withQueryAccess("127.0.0.1", OperatorAccess.of(new OperatorCredentials(
                            List.of(new Operator("dana", TokenHash.of(TOKEN), Set.of())), Map.of())));
            try (DetectionService service = new DetectionService(config)) {
                service.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> service.state() == KafkaStreams.State.RUNNING);
                int queryPort = port;
                try (KafkaProducer<String, Reading> producer = new KafkaProducer<>(kafka.clientProperties(),
                        Topics.READINGS.keySerde().serializer(), Topics.READINGS.valueSerde().serializer())) {
                    for (Reading reading : List.of(Readings.env(B3, "asd-b3-1", T0, 0.003, 0.0), Readings.fire(B3, T0 + 1_000, FireEventType.ALARM))) {
                        // as ingest's alarm lane writes them: on the readings topic and on the priority topic
                        for (String topic : DetectionTopology.topicsOf(reading)) {
                            producer.send(new ProducerRecord<>(topic, reading.source().partitionKey(), reading)).get();
                        }
                    }
                }

                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    HttpResponse<String> r = get(queryPort, "/rooms/pangyo-a/B3-battery");
                    return r.statusCode() == 200 && Json.mapper().readTree(r.body()).get("level").asText().equals("critical");
                });

                JsonNode room = Json.mapper().readTree(get(port, "/rooms/pangyo-a/B3-battery").body());
                assertThat(room.get("drain_id").asText()).startsWith("drn_");
                assertThat(room.get("evidence")).extracting(e -> e.get("signal").asText()).contains("fire_alarm");
                assertThat(room.get("last_heard").asText()).isEqualTo(java.time.Instant.ofEpochMilli(T0).toString());
                JsonNode quiet = Json.mapper().readTree(get(port, "/rooms/pangyo-a/B2-battery").body());
                assertThat(quiet.get("level").asText()).isEqualTo("normal");
                JsonNode site = Json.mapper().readTree(get(port, "/sites/pangyo-a").body());
                assertThat(site.get("level").asText()).isEqualTo("critical");
                assertThat(site.get("rooms")).extracting(r -> r.get("room").asText()).contains("B3-battery");
                assertThat(get(port, "/rooms/only-a-site").statusCode()).isEqualTo(400);
                // and without a token nobody reads it
                assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/rooms/pangyo-a/B3-battery")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            }
        }
    }
}
