package io.firebreak.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cell and room physics behaves as the domain brief says batteries do. */
class PhysicsSanityTest {

    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    private static SiteSimulator dischargeFor(long seconds) {
        SiteSimulator sim = new SiteSimulator(SITE, TopicLayout.defaults(), 5);
        sim.room("B3-battery").grid(false);
        for (long s = 1; s <= seconds; s++) {
            sim.advance(s * 1000);
        }
        return sim;
    }

    @Test
    void shouldBalanceEnergyWhenAStringDischargesForThirtyMinutes() {
        // Given the B3 room on battery for 30 minutes
        SiteSimulator sim = new SiteSimulator(SITE, TopicLayout.defaults(), 5);
        RoomSim room = sim.room("B3-battery");
        double cellsBefore = storedHeat(room);
        room.grid(false);

        // When the strings discharge
        for (long s = 1; s <= 1800; s++) {
            sim.advance(s * 1000);
        }

        // Then chemical energy = energy at the terminals + ohmic heat, and heat is conserved
        double chemical = 0;
        double terminal = 0;
        double ohmic = 0;
        double heat = 0;
        double toRoom = 0;
        int modules = 0;
        for (ModuleState[] rack : room.modules.values()) {
            for (ModuleState m : rack) {
                chemical += m.ledger.chemicalJ;
                terminal += m.ledger.terminalJ;
                ohmic += m.ledger.ohmicJ;
                heat += m.ledger.heatJ;
                toRoom += m.ledger.toRoomJ;
                modules++;
            }
        }
        assertThat(terminal).as("energy delivered").isNegative();
        assertThat(-chemical).isCloseTo(-terminal + ohmic, within(1e-6 * -chemical));
        double electronics = modules * CellPhysics.ELECTRONICS_W * 1800;
        double stored = storedHeat(room) - cellsBefore;
        assertThat(stored).isCloseTo(heat + electronics - toRoom, within(0.01 * (heat + electronics)));
        double delivered = -terminal / 3.6e6;
        assertThat(delivered).as("kWh delivered by 8 racks at ~300 kW for 30 min").isBetween(120.0, 180.0);
    }

    private static double storedHeat(RoomSim room) {
        double joules = 0;
        for (ModuleState[] rack : room.modules.values()) {
            for (ModuleState m : rack) {
                joules += m.airT * CellPhysics.MODULE_AIR_CAPACITY;
                for (double t : m.cellT) {
                    joules += t * CellPhysics.HEAT_CAPACITY;
                }
            }
        }
        return joules;
    }

    @Test
    void shouldWarmHealthyCellsAFewDegreesTogetherWhenDischargingHeavily() {
        // Given healthy cells at float
        SiteSimulator idle = new SiteSimulator(SITE, TopicLayout.defaults(), 5);
        double before = median(allTemps(idle.room("B3-battery")));

        // When the room runs on battery for 30 minutes
        SiteSimulator sim = dischargeFor(1800);
        List<Double> after = allTemps(sim.room("B3-battery"));

        // Then the median rise is in the brief's range for healthy cells (4.7-6.6 K), give or take
        assertThat(median(after) - before).isBetween(3.5, 8.0);
        assertThat(after.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isLessThan(45.0);
        assertThat(sim.room("B3-battery").current("3E-1", 0)).isLessThan(-50.0);
        assertThat(Arrays.stream(sim.room("B3-battery").cellSoc("3E-1", 0)).average().orElseThrow()).isBetween(0.1, 0.5);
    }

    @Test
    void shouldKeepHealthyCellsNearRoomTemperatureOnFloat() {
        SiteSimulator sim = new SiteSimulator(SITE, TopicLayout.defaults(), 9);
        for (long s = 1; s <= 600; s++) {
            sim.advance(s * 1000);
        }
        List<Double> temps = allTemps(sim.room("B3-battery"));

        assertThat(temps).allSatisfy(t -> assertThat(t).isBetween(22.0, 27.0));
    }

    @Test
    void shouldReachRunawayStagesInOrderAndPropagateWhenHeatedExternally() {
        ScenarioRun run = new ScenarioRun(SITE, new ExternalHeating(), TopicLayout.defaults(), 0, 2);

        GroundTruth truth = run.groundTruth();

        assertThat(truth.firstVent()).isGreaterThan(truth.faultOnset());
        assertThat(truth.runaway()).isGreaterThan(truth.firstVent());
        assertThat(truth.fire()).isGreaterThan(truth.runaway());
        assertThat(truth.powerLoss()).isGreaterThan(truth.fire());
        assertThat(truth.roomDark()).isGreaterThan(truth.powerLoss());
        assertThat(truth.runaway() - truth.faultOnset()).as("UL 9540A: about 45 min at 4-7 C/min").isBetween(30 * 60_000L, 60 * 60_000L);
        assertThat(truth.drainBy()).isEqualTo(truth.powerLoss());
    }

    @Test
    void shouldSpreadRunawayToNeighboursWithFastRiseAndVoltageCollapse() {
        // Given a module whose middle cell is driven into runaway by a heater
        SiteSimulator sim = new SiteSimulator(SITE, TopicLayout.defaults(), 3);
        RoomSim room = sim.room("B2-battery");
        ModuleState module = room.module("2A-1", 3);
        double maxRate = 0;
        double previous = module.cellT[7];
        for (long s = 1; s <= 1800; s++) {
            room.heater("2A-1", 3, 7, module.runaway[7] ? 0 : 800);
            sim.advance(s * 1000);
            maxRate = Math.max(maxRate, module.cellT[7] - previous);
            previous = module.cellT[7];
        }

        // Then it reaches hundreds of degrees at more than 1 C/s, its voltage collapses, and neighbours follow
        assertThat(module.runaway[7]).isTrue();
        assertThat(maxRate).isGreaterThan(1.0);
        assertThat(Arrays.stream(module.peakT).min().orElseThrow()).isGreaterThan(400);
        assertThat(module.cellV[7]).isLessThan(0.1);
        assertThat(module.runaway[6] || module.runaway[8]).as("propagation to a neighbour").isTrue();
    }

    private static List<Double> allTemps(RoomSim room) {
        List<Double> temps = new ArrayList<>();
        for (Rack rack : room.room().racks()) {
            for (int m = 0; m < rack.modules(); m++) {
                for (double t : room.cellTemperatures(rack.id(), m)) {
                    temps.add(t);
                }
            }
        }
        return temps;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
