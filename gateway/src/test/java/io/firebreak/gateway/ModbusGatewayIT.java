package io.firebreak.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.embedded.FreePorts;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.gateway.bench.ModbusRackServer;
import io.firebreak.telemetry.contract.BmsSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against a real Modbus TCP server (simulated rack 3E-1, driven by the simulator's cell model)
 * and a real Mosquitto: what a subscriber receives is what the contract accepts, and devices that misbehave
 * cost gaps in seq and named faults, never made-up values.
 */
class ModbusGatewayIT {

    private static final String TOPIC = "dc/pangyo-a/B3-battery/bms/3E-1/";
    private static final String STATUS = "dc/pangyo-a/B3-battery/gateway/gw-b3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MosquittoServer mosquitto;

    @TempDir
    Path dir;
    private ModbusRackServer rack;
    private SimulatedRoom room;
    private Subscriber subscriber;
    private Gateway gateway;

    @BeforeAll
    static void startBroker() {
        mosquitto = MosquittoServer.start();
    }

    @AfterAll
    static void stopBroker() {
        mosquitto.close();
    }

    @BeforeEach
    void startRack() throws Exception {
        rack = ModbusRackServer.start(FreePorts.find());
        room = new SimulatedRoom(rack, "external-heating", 7);
        room.step();
        subscriber = new Subscriber(mosquitto.serverUri(), "dc/#");
    }

    @AfterEach
    void stopAll() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        subscriber.close();
        rack.close();
    }

    @Test
    void shouldPublishContractValidReadingsEqualToTheSimulatedCellsWhenPollingARack() {
        // Given a rack of 8 modules served over Modbus, when the gateway polls it every 200 ms
        gateway = startGateway("200ms", "100ms");

        // Then every module arrives on its contract topic, valid, with the values the cell model published
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.on(TOPIC + "M08").size() >= 3);
        List<Subscriber.Received> m01 = subscriber.on(TOPIC + "M01");
        assertThat(subscriber.all()).allSatisfy(r -> {
            assertThat(r.outcome().deadLetters()).as(r.topic() + " " + r.payload()).isEmpty();
            assertThat(r.outcome().reading()).isPresent();
        });
        BmsSample expected = room.published("M01");
        BmsSample got = (BmsSample) m01.get(0).outcome().reading().orElseThrow().measurement();
        assertThat(got.cellV()).hasSize(14);
        for (int c = 0; c < 14; c++) {
            assertThat(got.cellV().get(c)).isEqualTo(expected.cellV().get(c), org.assertj.core.data.Offset.offset(0.0005));
        }
        for (int p = 0; p < 4; p++) {
            assertThat(got.cellT().get(p)).isEqualTo(expected.cellT().get(p), org.assertj.core.data.Offset.offset(0.05));
        }
        assertThat(got.currentA()).isEqualTo(expected.currentA(), org.assertj.core.data.Offset.offset(0.005));
        assertThat(got.soc()).isEqualTo(expected.soc(), org.assertj.core.data.Offset.offset(0.0005));
        assertThat(seqs(m01)).startsWith(0L, 1L, 2L);
        assertThat(lastStatus().get("online").asBoolean()).isTrue();
    }

    @Test
    void shouldShowTheAchievedCadenceAgainstTheTenSecondRuleOnTheMetricsEndpoint() throws Exception {
        // Given a gateway polling the rack every 200 ms, with its Prometheus endpoint
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gateway = new Gateway(new GatewayConfigLoader().load(writeConfig("200ms", "100ms")), System::currentTimeMillis, registry).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.on(TOPIC + "M01").size() >= 3);

        // When a person scrapes it
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // Then the device's period, achieved interval and standing against the rule are there
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .contains("firebreak_gateway_cadence_ok{device=\"3E-1\"} 1.0")
                    .contains("firebreak_gateway_period_seconds{device=\"3E-1\"} 0.2")
                    .contains("firebreak_gateway_read_interval_seconds{device=\"3E-1\"}")
                    .contains("firebreak_gateway_polls_total{device=\"3E-1\"}");
        }
    }

    @Test
    void shouldLeaveAGapAndPublishAFaultWhenOneModuleAnswersExceptionCodes() throws Exception {
        // Given a gateway publishing the rack
        gateway = startGateway("100ms", "80ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.on(TOPIC + "M03").size() >= 2);

        // When module 3 answers every read with exception code 4 for a while
        rack.failWithException(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> faultsIn(lastStatus()).contains("bms/3E-1/M03"));
        int othersBefore = subscriber.on(TOPIC + "M02").size();
        rack.behaveNormally();

        // Then the fault names the module and the exception, the others kept publishing, and module 3's seq has a gap
        JsonNode fault = lastStatusWithFault().get("faults").get(0);
        assertThat(fault.get("reason").asText()).isEqualTo("modbus_exception");
        assertThat(fault.get("detail").asText()).contains("exception code 4");
        await().atMost(Duration.ofSeconds(10)).until(() -> faultsIn(lastStatus()).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.on(TOPIC + "M02").size() > othersBefore + 2);
        List<Long> m03 = seqs(subscriber.on(TOPIC + "M03"));
        assertThat(hasGap(m03)).as("seq of M03: " + m03).isTrue();
        assertThat(m03).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldFaultEveryModuleWhenTheRackStopsAnsweringAndRecoverWhenItIsBack() {
        // Given a gateway publishing the rack
        gateway = startGateway("100ms", "80ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.on(TOPIC + "M01").size() >= 2);

        // When the rack controller goes away
        rack.halt();

        // Then all 8 modules are published as faults, and once it is back they are cleared
        await().atMost(Duration.ofSeconds(10)).until(() -> faultsIn(lastStatus()).size() == 8);
        assertThat(lastStatusWithFault().get("faults").get(0).get("reason").asText()).isIn("unreachable", "timeout");
        rack.resume();
        await().atMost(Duration.ofSeconds(15)).until(() -> faultsIn(lastStatus()).isEmpty());
        assertThat(subscriber.all()).allSatisfy(r -> assertThat(r.outcome().deadLetters()).isEmpty());
    }

    @Test
    void shouldTimeOutAndPublishNothingWhenTheRackAnswersSlowerThanItsTimeout() {
        // Given a gateway publishing the rack
        gateway = startGateway("150ms", "60ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.on(TOPIC + "M01").size() >= 2);

        // When the rack answers after 300 ms
        rack.answerSlowly(300);

        // Then the modules are published as timeouts and no reading is invented meanwhile
        await().atMost(Duration.ofSeconds(15)).until(() -> !faultsIn(lastStatus()).isEmpty());
        assertThat(lastStatusWithFault().get("faults").get(0).get("reason").asText()).isEqualTo("timeout");
        rack.behaveNormally();
        await().atMost(Duration.ofSeconds(15)).until(() -> faultsIn(lastStatus()).isEmpty());
    }

    @Test
    void shouldBufferOnDiskWhileTheBrokerIsAwayAndDeliverInOrderWhenItIsBack() throws Exception {
        // Given a gateway publishing the rack every 500 ms
        gateway = startGateway("500ms", "400ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.on(TOPIC + "M01").size() >= 2);

        // When the broker is away for a minute
        long stopped = System.nanoTime();
        mosquitto.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.outbox().buffered() > 40);
        Thread.sleep(Math.max(0, Duration.ofSeconds(60).toMillis() - (System.nanoTime() - stopped) / 1_000_000));
        assertThat(gateway.outbox().buffered()).as("a minute of readings waits on disk").isGreaterThan(400);
        mosquitto.restart();

        // Then what was read meanwhile arrives after it, in order, with no seq missing
        await().atMost(Duration.ofSeconds(120)).until(() -> gateway.outbox().buffered() == 0);
        long lastBuffered = lastSeqSent();
        await().atMost(Duration.ofSeconds(60)).until(() -> seqs(subscriber.on(TOPIC + "M01")).contains(lastBuffered));
        List<Long> m01 = seqs(subscriber.on(TOPIC + "M01")).stream().distinct().toList();
        assertThat(m01).isSorted();
        assertThat(m01.get(m01.size() - 1) - m01.get(0) + 1).as("contiguous seq " + m01).isEqualTo(m01.size());
    }

    private long lastSeqSent() {
        // the buffer is empty: by now its last M01 seq has been handed to the broker
        List<Long> seen = seqs(subscriber.on(TOPIC + "M01"));
        return seen.isEmpty() ? 0 : seen.get(seen.size() - 1);
    }

    private Gateway startGateway(String period, String timeout) {
        return new Gateway(new GatewayConfigLoader().load(writeConfig(period, timeout)), System::currentTimeMillis, new SimpleMeterRegistry()).start();
    }

    private Path writeConfig(String period, String timeout) {
        try {
            Path config = dir.resolve("gateway.yaml");
            Files.writeString(config, String.join("\n",
                    "site: pangyo-a",
                    "room: B3-battery",
                    "gateway: gw-b3",
                    "fault_after: 3",
                    "mqtt:",
                    "  server_uri: " + mosquitto.serverUri(),
                    "  client_id: gw-" + System.nanoTime(),
                    "buffer:",
                    "  dir: buffer",
                    "modbus:",
                    "  - host: 127.0.0.1",
                    "    port: " + rack.port(),
                    "    map: builtin:generic-rack",
                    "    rack: 3E-1",
                    "    modules: 8",
                    "    period: " + period,
                    "    timeout: " + timeout,
                    ""));
            return config;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode lastStatus() {
        List<Subscriber.Received> status = subscriber.on(STATUS);
        return status.isEmpty() ? null : read(status.get(status.size() - 1).payload());
    }

    private JsonNode lastStatusWithFault() {
        List<Subscriber.Received> status = subscriber.on(STATUS);
        for (int i = status.size() - 1; i >= 0; i--) {
            JsonNode node = read(status.get(i).payload());
            if (node.has("faults") && !node.get("faults").isEmpty()) {
                return node;
            }
        }
        throw new AssertionError("no status with a fault among " + status.size());
    }

    private static List<String> faultsIn(JsonNode status) {
        if (status == null || !status.has("faults")) {
            return List.of();
        }
        List<String> devices = new java.util.ArrayList<>();
        status.get("faults").forEach(f -> devices.add(f.get("device").asText()));
        return devices;
    }

    private static List<Long> seqs(List<Subscriber.Received> messages) {
        return messages.stream().map(r -> r.outcome().reading().orElseThrow().seq()).toList();
    }

    private static boolean hasGap(List<Long> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i) > seqs.get(i - 1) + 1) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
