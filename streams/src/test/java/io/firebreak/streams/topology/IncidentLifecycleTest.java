package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B2;
import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static io.firebreak.streams.topology.Readings.bms;
import static io.firebreak.streams.topology.Readings.env;
import static io.firebreak.streams.topology.Readings.fire;
import static io.firebreak.streams.topology.Readings.gateway;
import static io.firebreak.streams.topology.Readings.healthyVolts;
import static io.firebreak.streams.topology.Readings.probes;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.Rack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A room's incident from first sign to re-arm, through the real topology: hysteresis, resolve, release, poison input. */
class IncidentLifecycleTest {

    @TempDir
    Path stateDir;
    private DetectionHarness detection;

    @AfterEach
    void close() {
        if (detection != null) {
            detection.close();
        }
    }

    private DetectionHarness replay() {
        detection = new DetectionHarness(stateDir);
        return detection;
    }

    /** The room's air sensor, clean, every 10 s from {@code from} to {@code to}: the room keeps talking. */
    private void cleanAir(long from, long to) {
        for (long t = from; t <= to; t += 10_000) {
            detection.send(env(B3, "asd-b3-1", t, 0.003, 0.0));
        }
    }

    @Test
    void shouldDrainASecondFireInTheSameRoomWithNewIdsAfterAnOperatorRelease() {
        replay().send(fire(B3, T0, FireEventType.ALARM));
        DrainDecision first = detection.decisions().get(0);
        detection.alerts();

        detection.release(B3, first.id());
        List<Alert> rearm = detection.alerts();
        assertThat(rearm).singleElement().satisfies(a -> {
            assertThat(a.resolved()).as("the release resolves the incident, which starts nothing more").isTrue();
            assertThat(a.previous()).isEqualTo(RiskLevel.CRITICAL);
        });

        cleanAir(T0 + 10_000, T0 + 120_000);
        detection.send(fire(B3, T0 + 130_000, FireEventType.ALARM));

        List<DrainDecision> second = detection.decisions();
        assertThat(second).singleElement().satisfies(d -> {
            assertThat(d.id()).isNotEqualTo(first.id());
            assertThat(d.detectedAt()).isEqualTo(T0 + 130_000);
        });
        assertThat(detection.alerts()).singleElement().satisfies(a -> assertThat(a.id()).isNotEqualTo(rearm.get(0).id()));
    }

    @Test
    void shouldResolveACriticalRoomOnceItsEvidenceHasBeenGoneForTheHoldTimeAndDrainTheNextFireAgain() {
        replay().send(fire(B3, T0, FireEventType.ALARM));
        String firstDrain = detection.decisions().get(0).id();
        String incident = detection.alerts().get(0).id();

        // the alarm counts for the evidence window (10 min), then the hold time (10 min) passes
        cleanAir(T0 + 10_000, T0 + 21 * 60_000L);
        List<Alert> after = detection.alerts();
        assertThat(after).singleElement().satisfies(a -> {
            assertThat(a.id()).as("the same incident resolves").isEqualTo(incident);
            assertThat(a.level()).isEqualTo(RiskLevel.NORMAL);
            assertThat(a.previous()).isEqualTo(RiskLevel.CRITICAL);
        });

        detection.send(fire(B3, T0 + 22 * 60_000L, FireEventType.ALARM));
        assertThat(detection.decisions()).singleElement().satisfies(d -> assertThat(d.id()).isNotEqualTo(firstDrain));
    }

    @Test
    void shouldKeepOneAlertWhenItsEvidenceFlickersWithinTheHoldTime() {
        replay();
        List<Alert> raised = new ArrayList<>();
        // smoke at action level for a reading every 12 minutes, clean air in between, for an hour
        for (long cycle = 0; cycle < 5; cycle++) {
            long start = T0 + cycle * 12 * 60_000L;
            detection.send(env(B3, "asd-b3-1", start, 0.2, 0.0));
            cleanAir(start + 10_000, start + 12 * 60_000L - 10_000);
            raised.addAll(detection.alerts());
        }

        assertThat(raised).singleElement().satisfies(a -> assertThat(a.level()).isEqualTo(RiskLevel.WARNING));
    }

    @Test
    void shouldNotMakeARoomCriticalOnSilenceAndAVoltageWarning() {
        replay();
        // a cell far over its charge limit for a minute: one family, a warning
        for (long t = T0; t < T0 + 60_000; t += 1_000) {
            for (int m = 0; m < 8; m++) {
                List<Double> volts = new ArrayList<>(healthyVolts());
                if (m == 2) {
                    volts.set(5, 3.9);
                }
                detection.send(bms(B3, "3E-1", Rack.moduleId(m), t, probes(25, 25, 25, 25), volts));
            }
        }
        // then B3 falls silent while B2 carries on
        for (long t = T0 + 60_000; t < T0 + 180_000; t += 1_000) {
            detection.send(env(B2, "asd-b2-1", t, 0.003, 0.0));
        }

        List<Alert> alerts = detection.alerts();
        assertThat(alerts).filteredOn(a -> a.room().equals(B3)).extracting(Alert::level).doesNotContain(RiskLevel.CRITICAL);
        assertThat(alerts).filteredOn(a -> a.room().equals(B3) && a.sensorFault())
                .as("the silence is its own facility alert").extracting(a -> a.evidence().get(0).signal()).contains("telemetry_silent");
        assertThat(detection.decisions()).isEmpty();
    }

    @Test
    void shouldGoOnDetectingAfterUnreadableRecordsOnTheReadingsTopic() {
        replay();
        for (int i = 0; i < 24; i++) {
            detection.sendRaw("pangyo-a/B3-battery", ("garbage " + i + " \u0000{").getBytes(StandardCharsets.UTF_8));
        }
        detection.send(fire(B3, T0, FireEventType.ALARM));

        assertThat(detection.decisions()).as("the fire after the garbage drains").hasSize(1);
        assertThat(detection.deadLetters()).hasSize(24).allSatisfy(letter -> {
            assertThat(letter.originalTopic()).isEqualTo("firebreak.readings.v1");
            assertThat(letter.reason()).contains("deserialization failed at firebreak.readings.v1/0@");
        });
    }

    @Test
    void shouldIgnoreAFutureStampedSampleAndKeepAnalysingTheModuleTrueSamples() {
        replay();
        // a gateway whose clock runs 9 h ahead sends one sample for M04...
        detection.send(bms(B3, "3E-1", Rack.moduleId(3), T0 + 9 * 3_600_000L + Instant.now().toEpochMilli() - T0,
                probes(25, 25, 25, 25), healthyVolts()));
        // ...then its true samples show a runaway: 25 C climbing 2 C/s to 150 C with a voltage collapse
        for (int s = 0; s < 70; s++) {
            long t = T0 + s * 1000L;
            double hot = s < 10 ? 25 : Math.min(25 + (s - 10) * 2.5, 180);
            List<Double> volts = new ArrayList<>(healthyVolts());
            if (s > 30) {
                volts.set(5, 1.2);
            }
            for (int m = 0; m < 8; m++) {
                detection.send(bms(B3, "3E-1", Rack.moduleId(m), t, m == 3 ? probes(25, hot, 25, 25) : probes(25, 25, 25, 25),
                        m == 3 ? volts : healthyVolts()));
            }
        }

        assertThat(detection.decisions()).as("the true samples still drain").hasSize(1);
    }

    @Test
    void shouldNotCallARoomSilentWhenDetectionLagsInLiveMode() {
        Instant wall = Instant.ofEpochMilli(T0);
        detection = new DetectionHarness(stateDir, TimeMode.LIVE, wall);
        detection.send(env(B3, "asd-b3-1", T0, 0.003, 0.0));
        // detection falls two minutes behind: what it reads now is a minute and a half old
        for (int s = 0; s < 60; s++) {
            detection.advanceWallClock(Duration.ofSeconds(2));
            detection.send(env(B3, "asd-b3-1", T0 + s * 1000L, 0.003, 0.0));
        }

        List<Alert> alerts = detection.alerts();
        assertThat(alerts).extracting(a -> a.evidence().get(0).signal()).doesNotContain("telemetry_silent").contains("detection_lagging");
        assertThat(alerts).allSatisfy(a -> assertThat(a.sensorFault()).as("a pipeline fault, for the facility").isTrue());
    }

    @Test
    void shouldPageALinkThatFlapsOnceAndCloseItOnceTheRoomHasBeenHeardForTheHoldTime() {
        replay();
        long t = T0;
        cleanAir(t, t + 60_000);
        t += 60_000;
        long back = 0;
        for (int flap = 0; flap < 3; flap++) {
            // a minute of silence (the other room keeps event time moving), then twenty seconds of readings
            for (long q = t + 10_000; q <= t + 60_000; q += 10_000) {
                detection.send(env(B2, "asd-b2-1", q, 0.003, 0.0));
            }
            t += 70_000;
            back = t;
            cleanAir(t, t + 20_000);
            t += 20_000;
        }
        List<Alert> flapping = detection.alerts().stream().filter(a -> a.room().equals(B3)).toList();
        cleanAir(t, t + 12 * 60_000);
        List<Alert> after = detection.alerts().stream().filter(a -> a.room().equals(B3)).toList();

        assertThat(flapping).as("three silences, one page").hasSize(1);
        assertThat(flapping.get(0).evidence().get(0).signal()).isEqualTo("telemetry_silent");
        assertThat(after).as("then one close, under the same id").hasSize(1);
        assertThat(after.get(0).resolved()).isTrue();
        assertThat(after.get(0).id()).isEqualTo(flapping.get(0).id());
        assertThat(after.get(0).detectedAt()).as("the hold time after the room was last back").isBetween(back + 600_000, back + 620_000);
    }

    @Test
    void shouldCallAQuietRoomSilentInLiveModeWhenDetectionKeepsUp() {
        Instant wall = Instant.ofEpochMilli(T0);
        detection = new DetectionHarness(stateDir, TimeMode.LIVE, wall);
        for (int s = 0; s < 10; s++) {
            detection.send(env(B3, "asd-b3-1", T0 + s * 1000L, 0.003, 0.0));
            detection.advanceWallClock(Duration.ofSeconds(1));
        }
        detection.send(gateway(B2, T0 + 10_000, true));
        detection.advanceWallClock(Duration.ofSeconds(40));

        assertThat(detection.alerts()).extracting(a -> a.evidence().get(0).signal()).containsExactly("telemetry_silent");
    }

    @Test
    void shouldPageADeviceWhoseClockRunsAheadOnceAsASensorFault() {
        replay();
        for (int i = 0; i < 5; i++) {
            detection.deadLetter("dc/pangyo-a/B3-battery/bms/3E-1/M04", new DeadLetter("dc/pangyo-a/B3-battery/bms/3E-1/M04", new byte[0],
                    T0 + i * 1000L, ContractParser.CLOCK_SKEW + ": ts 2022-10-15T15:20:05Z is 32400 s ahead of the time received", null));
        }

        assertThat(detection.alerts()).singleElement().satisfies(a -> {
            assertThat(a.sensorFault()).isTrue();
            assertThat(a.evidence().get(0).signal()).isEqualTo("clock_ahead");
            assertThat(a.evidence().get(0).where()).isEqualTo("3E-1/M04");
        });
        assertThat(detection.decisions()).isEmpty();
    }

    @Test
    void shouldNotCallAProbeStuckBecauseItsGatewayWasAwayForTenMinutes() {
        replay();
        // probe 1 of every module holds 25.0 (a steady cell) while the others wander a little...
        for (long t = T0; t < T0 + 120_000; t += 1_000) {
            sendRack(t);
        }
        // ...the gateway is away for ten minutes, then the same rack is heard again, unchanged
        for (long t = T0 + 720_000; t < T0 + 840_000; t += 1_000) {
            sendRack(t);
        }

        assertThat(detection.alerts()).extracting(a -> a.evidence().get(0).signal()).doesNotContain("probe_stuck");
    }

    private void sendRack(long t) {
        double wander = ((t / 1000) % 7) * 0.1;
        for (int m = 0; m < 8; m++) {
            detection.send(bms(B3, "3E-1", Rack.moduleId(m), t, probes(25.0, 25 + wander, 25.2 + wander, 24.9 + wander), healthyVolts()));
        }
    }
}
