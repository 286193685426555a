package io.firebreak.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The definitions of "a sensor can see the fault", on published values fed one step at a time. */
class VisibilityTest {

    private static final Rack A = new Rack("A", "z1", 1, 5, 3);
    private static final Rack B = new Rack("B", "z1", 1, 5, 3);
    private static final Rack C = new Rack("C", "z1", 1, 5, 3);
    private static final Room ROOM = new Room("R", "room", "gw", List.of("h"), List.of(A, B, C), List.of(new Room.EnvSensor("asd", "z1")),
            List.of(new Room.FirePanel("fp", List.of("z1"))), List.of());
    private static final double[] HEALTHY_V = {3.370, 3.371, 3.369, 3.370, 3.372};
    private static final double[] HEALTHY_T = {24.0, 24.1, 23.9};

    private final EventLog log = new EventLog();
    private final Visibility visibility = new Visibility("R", log);

    /** One step of published values: rack A's module as given, the other racks healthy. */
    private void step(long s, double[] volts, double[] probes) {
        long ts = s * 1000;
        visibility.bms(A, 0, volts, volts.length, probes, probes.length, ts);
        visibility.bms(B, 0, HEALTHY_V, 5, HEALTHY_T, 3, ts);
        visibility.bms(C, 0, HEALTHY_V, 5, HEALTHY_T, 3, ts);
        visibility.endStep(ROOM, ts);
    }

    private static double[] with(double[] values, int index, double value) {
        double[] copy = Arrays.copyOf(values, values.length);
        copy[index] = value;
        return copy;
    }

    @Test
    void shouldSeeACellFortyMillivoltsBelowItsModuleMedianOnceItHasBeenSoForThirtySeconds() {
        double[] sagging = with(HEALTHY_V, 2, 3.330);
        for (long s = 100; s < 130; s++) {
            step(s, sagging, HEALTHY_T);
        }
        assertThat(log.firstVisible).isNull();

        step(130, sagging, HEALTHY_T);

        assertThat(log.firstVisible).isEqualTo(130_000L);
        assertThat(log.visibleBy).isEqualTo("cell voltage R/A/M01 c3 40 mV below module median");
    }

    @Test
    void shouldStartTheThirtySecondsAgainWhenTheConditionLapses() {
        double[] sagging = with(HEALTHY_V, 2, 3.300);
        for (long s = 0; s < 60; s++) {
            step(s, s == 20 ? HEALTHY_V : sagging, HEALTHY_T);
        }
        assertThat(log.firstVisible).isEqualTo(51_000L);
    }

    @Test
    void shouldIgnoreACellThirtyNineMillivoltsLow() {
        for (long s = 0; s < 60; s++) {
            step(s, with(HEALTHY_V, 2, 3.331), HEALTHY_T);
        }
        assertThat(log.firstVisible).isNull();
    }

    @Test
    void shouldSeeCellsAboveTheChargeLimitEvenWhenTheWholeModuleIsHigh() {
        double[] overcharged = {3.660, 3.661, 3.662, 3.663, 3.664};
        for (long s = 0; s <= 30; s++) {
            step(s, overcharged, HEALTHY_T);
        }
        assertThat(log.visibleBy).isEqualTo("cell voltage R/A/M01 c1 3.660 V above the 3.65 V charge limit");
    }

    @Test
    void shouldSeeAProbeThreeDegreesAboveItsModulesOtherProbesButNotAMissingOne() {
        for (long s = 0; s <= 30; s++) {
            step(s, HEALTHY_V, new double[] {Double.NaN, 27.1, 24.0});
        }
        assertThat(log.visibleBy).isEqualTo("probe R/A/M01 p2 3.1 C above the module's other probes");
    }

    @Test
    void shouldSeeARackWarmerThanTheOtherRacksWhenItsProbesRiseTogether() {
        for (long s = 0; s <= 30; s++) {
            step(s, HEALTHY_V, new double[] {27.0, 27.1, 26.9});
        }
        assertThat(log.visibleBy).isEqualTo("rack R/A median probe 3.0 C above the other racks");
    }

    @Test
    void shouldSeeOffGasAboveThreeTimesItsStartPlusFivePpmAtOnce() {
        visibility.env("asd", 1.0, 1.0, 0.0, 0.003, 0);
        visibility.env("asd", 8.0, 1.0, 0.0, 0.003, 1000);
        assertThat(log.firstVisible).isNull();

        visibility.env("asd", 8.1, 1.0, 0.0, 0.003, 2000);

        assertThat(log.firstVisible).isEqualTo(2000L);
        assertThat(log.visibleBy).isEqualTo("VOC 8.1 ppm at asd (1.0 ppm at the start)");
    }

    @Test
    void shouldSeeSmokeAtTheAlertLevel() {
        visibility.env("asd", 0.0, 1.0, 0.0, 0.003, 0);
        visibility.env("asd", 0.0, 1.0, 0.0, 0.04, 1000);

        assertThat(log.visibleBy).isEqualTo("smoke 0.0400 %obs/m at asd");
    }

    @Test
    void shouldSeeEveryFirePanelEventButAFault() {
        visibility.panel("fp", FireEventType.FAULT, 1000);
        assertThat(log.firstVisible).isNull();

        visibility.panel("fp", FireEventType.PRE_ALARM, 2000);

        assertThat(log.visibleBy).isEqualTo("fire panel fp pre_alarm");
        assertThat(visibility.watching("R")).isFalse();
    }
}
