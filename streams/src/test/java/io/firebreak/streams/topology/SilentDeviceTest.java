package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B2;
import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static io.firebreak.streams.topology.Readings.bms;
import static io.firebreak.streams.topology.Readings.env;
import static io.firebreak.streams.topology.Readings.healthyVolts;
import static io.firebreak.streams.topology.Readings.probes;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.RiskLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through the whole topology: a device that stops while its room talks is paged to the facility once, and only that. */
class SilentDeviceTest {

    @TempDir
    Path stateDir;
    private DetectionHarness detection;

    @BeforeEach
    void start() {
        detection = new DetectionHarness(stateDir);
    }

    @AfterEach
    void close() {
        detection.close();
    }

    /** One second of room B3 (modules M01-M03 of rack 3E-1, M01 of 3E-2, sensor asd-b3-1), without the modules in {@code quiet}; room B2 too. */
    private void second(long ts, boolean b3, String... quiet) {
        if (b3) {
            for (String module : List.of("M01", "M02", "M03")) {
                if (!List.of(quiet).contains(module)) {
                    detection.send(bms(B3, "3E-1", module, ts, probes(25.0, 25.1, 25.0, 24.9), healthyVolts()));
                }
            }
            detection.send(bms(B3, "3E-2", "M01", ts, probes(25.0, 25.1, 25.0, 24.9), healthyVolts()));
            detection.send(env(B3, "asd-b3-1", ts, 0.003, 0.0));
        }
        detection.send(bms(B2, "2A-1", "M01", ts, probes(24.0, 24.1, 24.0, 23.9), healthyVolts()));
        detection.send(env(B2, "asd-b2-1", ts, 0.003, 0.0));
    }

    /** The alerts of {@code room} sent since the last call (reading them takes them off the topic). */
    private List<Alert> alertsOf(String room) {
        return detection.alerts().stream().filter(a -> a.room().equals(room)).toList();
    }

    @Test
    void shouldPageTheFacilityOnceWhenAModuleStopsWhileItsRoomTalksAndCloseItWhenItIsBack() {
        for (int s = 0; s < 20; s++) {
            second(T0 + s * 1000L, true);
        }
        for (int s = 20; s < 240; s++) {
            second(T0 + s * 1000L, true, "M02");
        }
        List<Alert> opened = alertsOf(B3);

        assertThat(opened).as("one alert for four minutes of silence").hasSize(1);
        Alert fault = opened.get(0);
        assertThat(fault.sensorFault()).as("a sensor to service, paged to the facility only").isTrue();
        assertThat(fault.level()).isEqualTo(RiskLevel.WARNING);
        assertThat(fault.evidence().get(0).signal()).isEqualTo("device_silent");
        assertThat(fault.evidence().get(0).where()).isEqualTo("3E-1/M02");
        assertThat(fault.detectedAt()).as("its silence period after its last sample").isBetween(T0 + 49_000, T0 + 56_000);
        assertThat(detection.decisions()).isEmpty();

        for (int s = 240; s < 250; s++) {
            second(T0 + s * 1000L, true);
        }
        List<Alert> after = alertsOf(B3);
        assertThat(after).hasSize(1);
        assertThat(after.get(0).id()).as("the same alert closes").isEqualTo(fault.id());
        assertThat(after.get(0).resolved()).isTrue();
    }

    @Test
    void shouldJudgeAModuleSilentOnTheWallClockInLiveMode() {
        detection.close();
        detection = new DetectionHarness(stateDir.resolve("live"), TimeMode.LIVE, Instant.ofEpochMilli(T0));
        for (int s = 0; s < 120; s++) {
            second(T0 + s * 1000L, true, s < 20 ? new String[0] : new String[] {"M02"});
            detection.advanceWallClock(Duration.ofSeconds(1));
        }

        assertThat(alertsOf(B3)).extracting(a -> a.evidence().get(0).signal() + "@" + a.evidence().get(0).where())
                .containsExactly("device_silent@3E-1/M02");
    }

    @Test
    void shouldNotJudgeDevicesSilentInLiveModeWhenNothingOnTheirPartitionIsHeard() {
        detection.close();
        detection = new DetectionHarness(stateDir.resolve("live"), TimeMode.LIVE, Instant.ofEpochMilli(T0));
        for (int s = 0; s < 20; s++) {
            second(T0 + s * 1000L, true);
            detection.advanceWallClock(Duration.ofSeconds(1));
        }
        // everything stops (a broker down, detection cut off): no device is judged on its own
        for (int s = 20; s < 240; s++) {
            detection.advanceWallClock(Duration.ofSeconds(1));
        }

        assertThat(alertsOf(B3)).extracting(a -> a.evidence().get(0).signal()).doesNotContain("device_silent", "rack_silent");
    }

    @Test
    void shouldNotJudgeDevicesSilentInLiveModeWhileDetectionLagsItsInput() {
        detection.close();
        // detection reads each second a minute after it happened: behind real time by more than the silence period
        detection = new DetectionHarness(stateDir.resolve("live"), TimeMode.LIVE, Instant.ofEpochMilli(T0 + 60_000));
        for (int s = 0; s < 180; s++) {
            second(T0 + s * 1000L, true, s < 20 ? new String[0] : new String[] {"M02"});
            detection.advanceWallClock(Duration.ofSeconds(1));
        }

        assertThat(alertsOf(B3)).extracting(a -> a.evidence().get(0).signal()).as("the lag is paged, not the module")
                .contains("detection_lagging").doesNotContain("device_silent", "rack_silent");
    }

    @Test
    void shouldPageARoomThatGoesDarkOnceAndNotEachOfItsDevices() {
        for (int s = 0; s < 20; s++) {
            second(T0 + s * 1000L, true);
        }
        for (int s = 20; s < 240; s++) {
            second(T0 + s * 1000L, false);
        }

        List<Alert> b3 = alertsOf(B3);
        assertThat(b3).extracting(a -> a.evidence().get(0).signal()).as("the room's silence, not one page per device")
                .containsExactly("telemetry_silent");
        assertThat(alertsOf(B2)).isEmpty();
    }
}
