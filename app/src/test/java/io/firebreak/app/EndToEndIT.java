package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.embedded.InfluxServer;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.simulators.GroundTruth;
import io.firebreak.simulators.MqttPublisher;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.telemetry.kafka.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline against real servers: MQTT in (Mosquitto), Kafka (KRaft broker), InfluxDB, and
 * real HTTP receivers for the drain webhooks and the pager. Configured through firebreak.yaml as an
 * operator would.
 */
class EndToEndIT {

    private static KafkaKraftBroker kafka;
    private static MosquittoServer mosquitto;
    private static InfluxServer influx;
    private static RecordingServer receiver;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = KafkaKraftBroker.start();
        mosquitto = MosquittoServer.start();
        influx = InfluxServer.start();
        receiver = new RecordingServer();
    }

    @AfterAll
    static void stopServers() {
        receiver.close();
        influx.close();
        mosquitto.close();
        kafka.close();
    }

    private static Path writeConfig() throws Exception {
        String inventory;
        try (InputStream in = EndToEndIT.class.getResourceAsStream("/inventory/pangyo.yaml")) {
            inventory = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("http://127.0.0.1:8089", receiver.base().toString());
        }
        Files.writeString(dir.resolve("site.yaml"), inventory);
        return Files.writeString(dir.resolve("firebreak.yaml"), """
                inventory: site.yaml
                time_mode: replay
                mqtt: {server_uri: "%s", client_id: e2e-ingest}
                kafka: {bootstrap_servers: "%s", partitions: 3}
                detect: {state_dir: "%s"}
                alerting: {target_timeout: 2s, max_attempts: 4, max_backoff: 1s}
                influx: {url: "%s", database: e2e}
                """.formatted(mosquitto.serverUri(), kafka.bootstrapServers(), dir.resolve("streams"), influx.url()));
    }

    @Test
    void shouldDrainSignedAndPageWhenThePangyoFireArrivesOverMqtt() throws Exception {
        FirebreakConfig config = new ConfigLoader(name -> null).load(writeConfig());
        ScenarioRun run = new ScenarioRun(config.inventory(), Scenarios.byName("pangyo-2022").orElseThrow(), config.layout(),
                System.currentTimeMillis(), 5);
        GroundTruth truth = run.groundTruth();

        try (Pipeline pipeline = Pipeline.start(config, EnumSet.allOf(Pipeline.Service.class))) {
            assertThat(pipeline.awaitReady(Duration.ofSeconds(60))).isTrue();
            try (MqttPublisher publisher = new MqttPublisher(mosquitto.serverUri(), "e2e-sim", config.inventory(), config.layout())) {
                publisher.play(run, 0, (message, wall) -> { });
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> receiver.requests("/drain/").size() >= 2
                    && receiver.requests("/pager").size() >= 3 && count("SELECT count(\"id\") FROM \"drain\"") >= 1);

            List<RecordingServer.Request> drains = receiver.requests("/drain/");
            assertThat(drains).extracting(RecordingServer.Request::path)
                    .containsExactlyInAnyOrder("/drain/kakao-traffic", "/drain/naver-traffic");
            for (RecordingServer.Request drain : drains) {
                String target = drain.path().substring("/drain/".length());
                assertThat(signatureValid(secretOf(config, target), drain)).as("signature of %s", target).isTrue();
                JsonNode body = Json.mapper().readTree(drain.body());
                assertThat(body.get("type").asText()).isEqualTo("drain.requested");
                assertThat(body.get("site").asText()).isEqualTo("pangyo-a");
                assertThat(body.get("room").asText()).isEqualTo("B3-battery");
                assertThat(body.get("scope")).extracting(JsonNode::asText).containsExactly("hall-1", "hall-2");
                assertThat(body.get("tenants")).extracting(JsonNode::asText).containsExactly("kakao", "naver");
                assertThat(body.get("severity").asText()).isEqualTo("critical");
                assertThat(body.get("id").asText()).startsWith("drn_");
                assertThat(drain.header("webhook-id")).as("stable per decision and target").isEqualTo(
                        "msg_" + body.get("id").asText() + "_" + target);
                assertThat(drain.header("content-type")).isEqualTo("application/json");
                long detectedAt = Instant.parse(body.get("detected_at").asText()).toEpochMilli();
                assertThat(detectedAt).as("drain decided before the power loss").isBetween(truth.ignition(), truth.powerLoss());
            }
            assertThat(drains.get(0).body()).contains(Json.mapper().readTree(drains.get(1).body()).get("id").asText());

            List<JsonNode> pages = receiver.requests("/pager").stream().map(r -> read(r.body())).toList();
            assertThat(pages).extracting(p -> p.get("routing_key").asText())
                    .contains("EXAMPLE-facility-routing-key", "EXAMPLE-kakao-routing-key", "EXAMPLE-naver-routing-key");
            assertThat(pages).allSatisfy(p -> assertThat(p.get("payload").get("group").asText()).isEqualTo("pangyo-a"));
            assertThat(pages).filteredOn(p -> p.get("payload").get("severity").asText().equals("critical"))
                    .extracting(p -> p.get("dedup_key").asText()).as("one incident, one dedup key").hasSize(3).containsOnly(
                            pages.stream().filter(p -> p.get("payload").get("severity").asText().equals("critical"))
                                    .findFirst().orElseThrow().get("dedup_key").asText());

            assertThat(count("SELECT count(\"t_max\") FROM \"bms_module\"")).as("telemetry on the dashboards").isGreaterThan(1000);
            assertThat(count("SELECT count(\"id\") FROM \"drain\" WHERE \"room\" = 'B3-battery'")).isEqualTo(1);
            assertThat(count("SELECT count(\"id\") FROM \"drain\" WHERE \"room\" = 'B2-battery'")).as("the healthy room").isZero();
        }
    }

    private static String secretOf(FirebreakConfig config, String target) {
        return config.inventory().drainTargets().stream().filter(t -> t.id().equals(target)).findFirst().orElseThrow().secret().reveal();
    }

    /** The Standard Webhooks check, written here from the specification. */
    private static boolean signatureValid(String secret, RecordingServer.Request request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(request.header("webhook-timestamp")));
        return List.of(request.header("webhook-signature").split(" ")).contains(expected) && age < 300;
    }

    private static JsonNode read(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(influx.url()
                + "/query?db=e2e&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode series = Json.mapper().readTree(response.body()).path("results").path(0).path("series");
        return series.isMissingNode() ? 0 : series.path(0).path("values").path(0).path(1).asLong();
    }
}
