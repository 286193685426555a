package io.firebreak.gateway;

import io.firebreak.gateway.bench.GenericRackRegisters;
import io.firebreak.gateway.bench.ModbusRackServer;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.simulators.SimMessage;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rack 3E-1 of the Pangyo inventory, its modules' values driven by the simulator's cell model (a scenario
 * run, step by step) and served over Modbus TCP in the generic-rack layout, one unit id per module.
 */
final class SimulatedRoom {

    static final SiteInventory SITE = new InventoryLoader().loadResource("/inventory/pangyo.yaml");
    static final String RACK = "3E-1";

    private final ModbusRackServer server;
    private final Iterator<List<SimMessage>> steps;
    private final ContractParser parser = new ContractParser(TopicLayout.defaults());
    /** The last sample the simulator published per module id. */
    private final Map<String, BmsSample> published = new HashMap<>();

    SimulatedRoom(ModbusRackServer server, String scenario, long seed) {
        this.server = server;
        this.steps = new ScenarioRun(SITE, Scenarios.byName(scenario).orElseThrow(), TopicLayout.defaults(), 1_665_814_685_000L, seed).iterator();
    }

    /** Advances the simulation one second and writes rack 3E-1's modules into the server's registers. */
    void step() {
        publish(steps.next());
        // modules may sample every few seconds (the simulator draws the sampling period per seed): go on until
        // every module of the rack has registers to serve
        int modules = SITE.rooms().stream().flatMap(room -> room.racks().stream()).filter(rack -> rack.id().equals(RACK))
                .findFirst().orElseThrow().modules();
        while (published.size() < modules && steps.hasNext()) {
            publish(steps.next());
        }
    }

    private void publish(List<SimMessage> batch) {
        for (SimMessage m : batch) {
            Reading r = parser.parse(m.topic(), m.payload(), m.ts()).reading().orElse(null);
            if (r != null && r.source().kind() == DeviceKind.BMS && RACK.equals(r.source().rack())) {
                BmsSample sample = (BmsSample) r.measurement();
                int unit = Integer.parseInt(r.source().device().substring(1));
                server.holding(unit, 0, GenericRackRegisters.encode(sample));
                published.put(r.source().device(), sample);
            }
        }
    }

    BmsSample published(String module) {
        return published.get(module);
    }
}
