package io.firebreak.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each seed draws its physics from the documented ranges, and the run follows what it drew. */
class VariationTest {

    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    @Test
    void shouldDrawEveryParameterWithinItsDocumentedRangeAndCoverTheRanges() {
        Set<Variation.GasOrder> orders = EnumSet.noneOf(Variation.GasOrder.class);
        Set<Integer> periods = new HashSet<>();
        double minCoupling = 1;
        double maxCoupling = 0;
        for (long seed = 1; seed <= 200; seed++) {
            Variation v = Variation.of(seed);
            assertThat(v.probeCoupling()).isBetween(0.25, 1.0);
            assertThat(v.growth()).isBetween(0.5, 2.0);
            assertThat(v.ventT()).isBetween(115.0, 160.0);
            assertThat(v.ventSeconds()).isBetween(30.0, 600.0);
            assertThat(v.ventilationS()).isBetween(300.0, 1800.0);
            assertThat(v.otherZone()).isBetween(0.01, 0.1);
            assertThat(v.tempNoiseC()).isBetween(0.02, 0.2);
            assertThat(v.tempStepC()).isIn(0.1, 0.5);
            assertThat(v.voltNoiseV()).isBetween(0.0005, 0.003);
            orders.add(v.gasOrder());
            periods.add(v.samplePeriodS());
            minCoupling = Math.min(minCoupling, v.probeCoupling());
            maxCoupling = Math.max(maxCoupling, v.probeCoupling());
        }
        assertThat(orders).containsExactlyInAnyOrder(Variation.GasOrder.values());
        assertThat(periods).containsExactlyInAnyOrder(1, 2, 5, 10);
        assertThat(minCoupling).isLessThan(0.3);
        assertThat(maxCoupling).isGreaterThan(0.95);
        assertThat(Variation.of(7)).isEqualTo(Variation.of(7));
    }

    @Test
    void shouldPublishEachModuleOnceEverySamplePeriod() {
        long seed = 1;
        while (Variation.of(seed).samplePeriodS() != 10) {
            seed++;
        }
        Iterator<List<SimMessage>> run = new ScenarioRun(SITE, new Healthy(), TopicLayout.defaults(), 0, seed).iterator();
        int bms = 0;
        for (int s = 0; s < 20; s++) {
            bms += (int) run.next().stream().filter(m -> m.topic().contains("/bms/")).count();
        }
        int modules = SITE.rooms().stream().flatMap(r -> r.racks().stream()).mapToInt(r -> r.modules()).sum();
        assertThat(bms).as("20 s at one sample every 10 s").isEqualTo(2 * modules);
    }

    @Test
    void shouldFloatNmcCellsBelowTheirChargeLimitAndLfpCellsBelowTheirs() {
        SiteInventory varied = new InventoryLoader(name -> null).loadResource("/inventory/pangyo-varied.yaml");
        RoomSim sim = new SiteSimulator(varied, TopicLayout.defaults(), 1, Variation.nominal()).room("B3-battery");
        RoomSim lfp = new SiteSimulator(varied, TopicLayout.defaults(), 1, Variation.nominal()).room("B2-battery");

        double[] nmc = sim.cellVoltages("3E-1", 0);
        assertThat(nmc).hasSize(8);
        assertThat(java.util.Arrays.stream(nmc).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(4.10, 4.20));
        assertThat(sim.cellVoltages("3F-1", 0)).hasSize(16);
        assertThat(java.util.Arrays.stream(lfp.cellVoltages("2A-1", 0)).boxed().toList()).hasSize(12)
                .allSatisfy(v -> assertThat(v).isBetween(3.30, 3.40));
    }
}
