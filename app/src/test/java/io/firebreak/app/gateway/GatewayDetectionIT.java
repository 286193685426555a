package io.firebreak.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.FreePorts;
import io.firebreak.gateway.Gateway;
import io.firebreak.gateway.GatewayConfig;
import io.firebreak.gateway.bench.GenericRackRegisters;
import io.firebreak.gateway.bench.ModbusRackServer;
import io.firebreak.gateway.modbus.ModbusDevice;
import io.firebreak.gateway.modbus.RegisterMap;
import io.firebreak.gateway.modbus.RegisterMapLoader;
import io.firebreak.gateway.publish.Outbound;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.simulators.SimMessage;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.topology.DetectionTopology;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.ParseOutcome;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the external-heating fire with room B3's racks served over Modbus TCP (the simulator's cell
 * model in the registers of a real Modbus server) and read by the gateway, against the same run published
 * as the simulator publishes it over MQTT. Both streams go through the real detection topology in replay
 * mode; the drain must be the same decision at the same event time.
 */
class GatewayDetectionIT {

    private static final SiteInventory SITE = new InventoryLoader().loadResource("/inventory/pangyo.yaml");
    private static final long START = 1_665_814_685_000L;
    private static final long SEED = 3;

    @TempDir
    Path stateDir;

    @Test
    void shouldDrainExactlyAsOverMqttWhenTheHeatedRoomIsReadOverModbus() {
        // Given the external-heating run as the simulator publishes it
        List<DrainDecision> overMqtt = detect(run().iterator(), "mqtt");

        // When room B3's 64 modules are instead served over Modbus and polled by the gateway every simulated second
        Room room = SITE.rooms().get(0);
        List<DrainDecision> overModbus;
        try (ModbusRackServer server = ModbusRackServer.start(FreePorts.find())) {
            AtomicLong now = new AtomicLong(START);
            List<Outbound> polled = new ArrayList<>();
            ViaGateway stream;
            try (Gateway gateway = Gateway.toSink(gatewayConfig(room, server.port()), now::get, new SimpleMeterRegistry(), polled::add)) {
                gateway.connect();
                stream = new ViaGateway(run().iterator(), room, server, gateway, now, polled);
                overModbus = detect(stream, "modbus");
            }
            // every module the simulator published was read back over Modbus, none was made up
            assertThat(stream.fromGateway).isPositive().isEqualTo(stream.fromSimulator);
        }

        // Then detection drains the same room, for the same halls, at the same event time
        assertThat(overMqtt).as("the run over MQTT drains").isNotEmpty();
        assertThat(overModbus).as("the run over Modbus drains").isNotEmpty();
        DrainDecision expected = overMqtt.get(0);
        DrainDecision got = overModbus.get(0);
        assertThat(got.room()).isEqualTo(expected.room());
        assertThat(got.scope()).isEqualTo(expected.scope());
        assertThat(got.tenants()).isEqualTo(expected.tenants());
        assertThat(got.severity()).isEqualTo(expected.severity());
        assertThat(got.detectedAt()).isEqualTo(expected.detectedAt());
    }

    private static ScenarioRun run() {
        return new ScenarioRun(SITE, Scenarios.byName("external-heating").orElseThrow(), TopicLayout.defaults(), START, SEED);
    }

    /** One rack controller per rack of the room: module m of rack r is unit r * 8 + m + 1 of one server. */
    private static GatewayConfig gatewayConfig(Room room, int port) {
        RegisterMap map = RegisterMapLoader.load("builtin:generic-rack", null, "test", "map");
        List<ModbusDevice> devices = new ArrayList<>();
        for (int r = 0; r < room.racks().size(); r++) {
            Rack rack = room.racks().get(r);
            List<ModbusDevice.Block> blocks = new ArrayList<>();
            for (int m = 0; m < rack.modules(); m++) {
                blocks.add(new ModbusDevice.Block(DeviceAddress.bms(SITE.site(), room.id(), rack.id(), Rack.moduleId(m)), unit(r, m), 0));
            }
            devices.add(new ModbusDevice(rack.id(), "127.0.0.1", port, map, blocks, Duration.ofSeconds(1), Duration.ofMillis(500)));
        }
        return new GatewayConfig(SITE.site(), room.id(), room.gateway() + "-modbus",
                new GatewayConfig.Mqtt("tcp://unused:1883", "unused", TopicLayout.defaults(), null, null),
                new GatewayConfig.Buffer(Path.of("unused"), 1), 3, 0, 1, devices, List.of(), new GatewayConfig.Traps("0.0.0.0", 0));
    }

    private static int unit(int rack, int module) {
        return rack * 8 + module + 1;
    }

    /**
     * The run with room B3's BMS messages taken out and written into the Modbus server's registers instead;
     * what the gateway then publishes takes their place. A module the simulator does not publish in a step
     * (the room dark, a silent device) answers with an exception code, so the gateway publishes nothing for it.
     */
    private static final class ViaGateway implements Iterator<List<SimMessage>> {
        private final Iterator<List<SimMessage>> steps;
        private final Room room;
        private final ModbusRackServer server;
        private final Gateway gateway;
        private final AtomicLong now;
        private final List<Outbound> polled;
        private final ContractParser parser = new ContractParser(TopicLayout.defaults());
        private final Map<String, Integer> racks = new HashMap<>();
        long fromSimulator;
        long fromGateway;

        ViaGateway(Iterator<List<SimMessage>> steps, Room room, ModbusRackServer server, Gateway gateway, AtomicLong now, List<Outbound> polled) {
            this.steps = steps;
            this.room = room;
            this.server = server;
            this.gateway = gateway;
            this.now = now;
            this.polled = polled;
            for (int r = 0; r < room.racks().size(); r++) {
                racks.put(room.racks().get(r).id(), r);
            }
        }

        @Override
        public boolean hasNext() {
            return steps.hasNext();
        }

        @Override
        public List<SimMessage> next() {
            List<SimMessage> batch = steps.next();
            List<SimMessage> out = new ArrayList<>();
            Set<Integer> answered = new HashSet<>();
            long ts = now.get();
            for (SimMessage m : batch) {
                ts = Math.max(ts, m.ts());
                Reading r = parser.parse(m.topic(), m.payload(), m.ts()).reading().orElse(null);
                if (r != null && r.source().kind() == DeviceKind.BMS && r.source().room().equals(room.id())) {
                    int unit = unit(racks.get(r.source().rack()), Integer.parseInt(r.source().device().substring(1)) - 1);
                    server.holding(unit, 0, GenericRackRegisters.encode((BmsSample) r.measurement()));
                    answered.add(unit);
                    fromSimulator++;
                } else {
                    out.add(m);
                }
            }
            for (int r = 0; r < room.racks().size(); r++) {
                for (int mod = 0; mod < room.racks().get(r).modules(); mod++) {
                    server.silence(unit(r, mod), !answered.contains(unit(r, mod)));
                }
            }
            now.set(ts);
            polled.clear();
            gateway.pollAll();
            for (Outbound o : polled) {
                if (o.topic().contains("/bms/")) {
                    out.add(new SimMessage(ts, o.topic(), o.payload(), false));
                    fromGateway++;
                }
            }
            return out;
        }
    }

    /** Plays the steps through the detection topology until its first drain decision (or the end). */
    private List<DrainDecision> detect(Iterator<List<SimMessage>> steps, String name) {
        DetectionConfig config = DetectionConfig.of(KafkaSettings.local("unused:9092"), SITE, TimeMode.REPLAY, stateDir.resolve(name));
        Properties props = config.streamsProperties();
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        ContractParser parser = new ContractParser(TopicLayout.defaults());
        try (TopologyTestDriver driver = new TopologyTestDriver(DetectionTopology.build(config), props)) {
            TestInputTopic<String, Reading> in = driver.createInputTopic(Topics.READINGS.name(),
                    Topics.READINGS.keySerde().serializer(), Topics.READINGS.valueSerde().serializer());
            TestInputTopic<String, Reading> inPriority = driver.createInputTopic(Topics.PRIORITY.name(),
                    Topics.PRIORITY.keySerde().serializer(), Topics.PRIORITY.valueSerde().serializer());
            TestOutputTopic<String, DrainDecision> decisionsOut = driver.createOutputTopic(Topics.DECISIONS.name(),
                    Topics.DECISIONS.keySerde().deserializer(), Topics.DECISIONS.valueSerde().deserializer());
            Map<String, TestOutputTopic<byte[], byte[]>> drained = new HashMap<>();
            List<DrainDecision> decisions = new ArrayList<>();
            while (steps.hasNext() && decisions.isEmpty()) {
                for (SimMessage message : steps.next()) {
                    ParseOutcome outcome = parser.parse(message.topic(), message.payload(), message.ts());
                    assertThat(outcome.deadLetters()).as(message.topic() + " " + message.payloadText()).isEmpty();
                    outcome.reading().ifPresent(r -> DetectionTopology.topicsOf(r).forEach(topic ->
                            (topic.equals(Topics.PRIORITY.name()) ? inPriority : in).pipeInput(r.source().partitionKey(), r)));
                }
                for (String topic : driver.producedTopicNames()) {
                    if (!topic.equals(Topics.DECISIONS.name())) {
                        drained.computeIfAbsent(topic, t -> driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
                                .readRecordsToList();
                    }
                }
                decisions.addAll(decisionsOut.readValuesToList().stream().filter(d -> DrainDecision.REQUESTED.equals(d.type())).toList());
            }
            return decisions;
        }
    }
}
