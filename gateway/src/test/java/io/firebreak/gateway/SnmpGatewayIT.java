package io.firebreak.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.FreePorts;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.simulators.SimMessage;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.TopicLayout;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against a real SNMP agent serving the UPS-MIB and a real Mosquitto: v2c and v3 polls map to
 * the contract's power fields, and a trap on battery is published at once, long before the next poll.
 */
class SnmpGatewayIT {

    private static final String TOPIC = "dc/pangyo-a/B3-battery/power/ups-b3-a";
    private static MosquittoServer mosquitto;

    @TempDir
    Path dir;
    private UpsAgent agent;
    private Gateway gateway;
    private Subscriber subscriber;

    @BeforeAll
    static void startBroker() {
        mosquitto = MosquittoServer.start();
    }

    @AfterAll
    static void stopBroker() {
        mosquitto.close();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (agent != null) {
            agent.stop();
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    @Test
    void shouldPublishUpsPowerFieldsWhenPollingOverV2c() throws Exception {
        // Given a UPS on grid power answering SNMP v2c
        int trapPort = FreePorts.find();
        agent = new UpsAgent(dir.toFile(), FreePorts.find(), trapPort);
        subscriber = new Subscriber(mosquitto.serverUri(), TOPIC);

        // When the gateway polls it
        gateway = start("v2c", "", trapPort, "300ms");

        // Then the subscriber gets contract power readings
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.on(TOPIC).size() >= 2);
        Subscriber.Received first = subscriber.on(TOPIC).get(0);
        assertThat(first.outcome().deadLetters()).isEmpty();
        PowerSample power = (PowerSample) first.outcome().reading().orElseThrow().measurement();
        assertThat(power).isEqualTo(new PowerSample(false, 380.0, 412.0, true, null));
        assertThat(first.payload()).contains("\"battery_status\":\"normal\"").contains("\"battery_minutes_remaining\":45.0");
    }

    @Test
    void shouldPollOverV3AuthPriv() throws Exception {
        // Given a UPS that answers only SNMPv3 users with authentication and privacy
        agent = new UpsAgent(dir.toFile(), FreePorts.find(), FreePorts.find());
        subscriber = new Subscriber(mosquitto.serverUri(), TOPIC);

        // When the gateway polls it as user firebreak (SHA-256, AES-128)
        gateway = start("v3", String.join("\n",
                "    v3:",
                "      user: " + UpsAgent.USER,
                "      auth_protocol: sha256",
                "      auth_passphrase_env: UPS_AUTH",
                "      priv_protocol: aes128",
                "      priv_passphrase_env: UPS_PRIV"), 0, "300ms");

        // Then the readings arrive as over v2c
        await().atMost(Duration.ofSeconds(10)).until(() -> !subscriber.on(TOPIC).isEmpty());
        PowerSample power = (PowerSample) subscriber.on(TOPIC).get(0).outcome().reading().orElseThrow().measurement();
        assertThat(power.inputV()).isEqualTo(380.0);
        assertThat(power.onBattery()).isFalse();
    }

    @Test
    void shouldPublishOnBatteryAtOnceWhenTheUpsSendsItsTrap() throws Exception {
        // Given a gateway polling a UPS only every 60 s
        int trapPort = FreePorts.find();
        agent = new UpsAgent(dir.toFile(), FreePorts.find(), trapPort);
        subscriber = new Subscriber(mosquitto.serverUri(), TOPIC);
        gateway = start("v2c", "", trapPort, "60s");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.on(TOPIC).size() == 1);

        // When the grid goes and the UPS sends upsTrapOnBattery
        agent.onBattery(12);
        agent.sendOnBatteryTrap();

        // Then on_battery is published within seconds, not at the next poll, and the poll it triggers agrees
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.on(TOPIC).size() >= 3);
        List<Subscriber.Received> all = subscriber.on(TOPIC);
        assertThat(all).allSatisfy(r -> assertThat(r.outcome().deadLetters()).isEmpty());
        assertThat(all.get(1).payload()).contains("\"trap\":\"upsTrapOnBattery\"");
        PowerSample afterTrap = (PowerSample) all.get(1).outcome().reading().orElseThrow().measurement();
        assertThat(afterTrap.onBattery()).isTrue();
        PowerSample polled = (PowerSample) all.get(2).outcome().reading().orElseThrow().measurement();
        assertThat(polled.onBattery()).isTrue();
        assertThat(polled.inputV()).isEqualTo(0.0);
        assertThat(all.stream().map(r -> r.outcome().reading().orElseThrow().seq()).toList()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void shouldPublishWhatTheSimulatedUpsReportsThroughAGridOutage() throws Exception {
        // Given UPS ups-b3-a driven by the simulator's grid-outage run, polled once per simulated second
        int trapPort = FreePorts.find();
        agent = new UpsAgent(dir.toFile(), FreePorts.find(), trapPort);
        subscriber = new Subscriber(mosquitto.serverUri(), TOPIC);
        AtomicLong now = new AtomicLong();
        gateway = new Gateway(new GatewayConfigLoader().load(config("v2c", "", trapPort, "60s")), now::get, new SimpleMeterRegistry()).connect();
        ContractParser parser = new ContractParser(TopicLayout.defaults());
        java.util.Iterator<List<SimMessage>> steps = new ScenarioRun(SimulatedRoom.SITE, Scenarios.byName("grid-outage").orElseThrow(),
                TopicLayout.defaults(), 1_665_814_685_000L, 5).iterator();
        List<PowerSample> simulated = new java.util.ArrayList<>();
        boolean trapped = false;
        for (int step = 0; step < 310; step++) {
            List<SimMessage> batch = steps.next();
            if (step < 290) {
                continue; // the grid fails at 5 min: the ten seconds before it and after it are what matter
            }
            PowerSample sim = batch.stream().filter(m -> m.topic().equals(TOPIC))
                    .map(m -> (PowerSample) parser.parse(m.topic(), m.payload(), m.ts()).reading().orElseThrow().measurement())
                    .findFirst().orElseThrow();
            now.set(batch.get(0).ts());
            agent.report(sim.onBattery(), sim.outputOn(), (int) Math.round(sim.inputV()), (int) Math.round(sim.outputKw() * 1000));
            if (sim.onBattery() && !trapped) {
                // When the UPS goes on battery it sends its trap, and the gateway publishes it before any poll
                int before = subscriber.on(TOPIC).size();
                agent.sendOnBatteryTrap();
                await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.on(TOPIC).size() > before);
                assertThat(subscriber.on(TOPIC).get(before).payload()).contains("\"trap\":\"upsTrapOnBattery\"");
                trapped = true;
                simulated.add(null); // the trap's message, then the poll it triggered
                simulated.add(sim);
                await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.on(TOPIC).size() >= before + 2);
            }
            simulated.add(sim);
            int expected = simulated.size();
            gateway.pollAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.on(TOPIC).size() >= expected);
        }

        // Then every polled reading says what the simulator published over MQTT, to the MIB's resolution
        List<Subscriber.Received> got = subscriber.on(TOPIC);
        assertThat(trapped).isTrue();
        assertThat(got).hasSize(simulated.size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).outcome().deadLetters()).isEmpty();
            PowerSample expected = simulated.get(i);
            PowerSample actual = (PowerSample) got.get(i).outcome().reading().orElseThrow().measurement();
            if (expected == null) {
                assertThat(actual.onBattery()).isTrue();
                continue;
            }
            assertThat(actual.onBattery()).as("on_battery at " + i).isEqualTo(expected.onBattery());
            assertThat(actual.outputOn()).isEqualTo(expected.outputOn());
            assertThat(actual.inputV()).isCloseTo(expected.inputV(), org.assertj.core.data.Offset.offset(0.5));
            assertThat(actual.outputKw()).isCloseTo(expected.outputKw(), org.assertj.core.data.Offset.offset(0.001));
        }
    }

    private Gateway start(String version, String v3, int trapPort, String period) throws Exception {
        Map<String, String> env = Map.of("UPS_AUTH", UpsAgent.AUTH, "UPS_PRIV", UpsAgent.PRIV);
        return new Gateway(new GatewayConfigLoader(env::get).load(config(version, v3, trapPort, period)), System::currentTimeMillis,
                new SimpleMeterRegistry()).start();
    }

    private Path config(String version, String v3, int trapPort, String period) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, String.join("\n",
                "site: pangyo-a",
                "room: B3-battery",
                "gateway: gw-b3",
                "mqtt:",
                "  server_uri: " + mosquitto.serverUri(),
                "  client_id: gw-snmp-" + System.nanoTime(),
                "buffer:",
                "  dir: buffer",
                trapPort > 0 ? "traps:\n  listen_host: 127.0.0.1\n  port: " + trapPort : "",
                "snmp:",
                "  - device: ups-b3-a",
                "    host: 127.0.0.1",
                "    port: " + agent.port(),
                "    version: " + version,
                "    period: " + period,
                "    timeout: 1s",
                v3,
                ""));
        return config;
    }
}
