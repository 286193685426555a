package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B2;
import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static io.firebreak.streams.topology.Readings.bms;
import static io.firebreak.streams.topology.Readings.env;
import static io.firebreak.streams.topology.Readings.fire;
import static io.firebreak.streams.topology.Readings.gateway;
import static io.firebreak.streams.topology.Readings.healthyVolts;
import static io.firebreak.streams.topology.Readings.power;
import static io.firebreak.streams.topology.Readings.probes;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.Rack;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionTopologyTest {

    @TempDir
    Path stateDir;
    private DetectionHarness detection;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, DrainDecision> decisions;

    @BeforeEach
    void startDriver() {
        detection = new DetectionHarness(stateDir);
        alerts = detection.alertTopic();
        decisions = detection.decisionTopic();
    }

    @AfterEach
    void closeDriver() {
        detection.close();
    }

    private void send(Reading reading) {
        detection.send(reading);
    }

    /** Every module of rack 3E-1 in B3 for {@code seconds} seconds; probe 2 of M04 follows {@code hotProbe}. */
    private void rack(long from, int seconds, DoubleUnaryOperator everyProbe, DoubleUnaryOperator hotProbe) {
        for (int s = 0; s < seconds; s++) {
            for (int m = 0; m < 8; m++) {
                double base = everyProbe.applyAsDouble(s);
                double hot = m == 3 ? hotProbe.applyAsDouble(s) : base;
                send(bms(B3, "3E-1", Rack.moduleId(m), from + s * 1000L, probes(base, hot, base, base), healthyVolts()));
            }
        }
    }

    @Test
    void shouldDrainTheHallsTheRoomFeedsWhenTheFirePanelAlarms() {
        send(fire(B3, T0, FireEventType.ALARM));

        DrainDecision decision = decisions.readValue();
        assertThat(decision.type()).isEqualTo("drain.requested");
        assertThat(decision.site()).isEqualTo("pangyo-a");
        assertThat(decision.room()).isEqualTo(B3);
        assertThat(decision.scope()).containsExactly("hall-1", "hall-2");
        assertThat(decision.tenants()).containsExactly("kakao", "naver");
        assertThat(decision.detectedAt()).as("event time, not wall clock").isEqualTo(T0);
        assertThat(decision.id()).startsWith("drn_");
        assertThat(decision.evidence()).extracting(e -> e.signal()).containsExactly("fire_alarm");
        Alert alert = alerts.readValue();
        assertThat(alert.level()).isEqualTo(RiskLevel.CRITICAL);
        assertThat(alert.previous()).isEqualTo(RiskLevel.NORMAL);
    }

    @Test
    void shouldDrainWhenSmokeReachesFireLevelAlone() {
        send(env(B3, "asd-b3-1", T0, 0.9, 0.0));

        assertThat(decisions.readValue().reason()).contains("smoke 0.90 %obs/m at asd-b3-1");
    }

    @Test
    void shouldOnlyWarnWhenSmokeAloneIsAtActionLevel() {
        send(env(B3, "asd-b3-1", T0, 0.2, 0.0));

        assertThat(alerts.readValue().level()).isEqualTo(RiskLevel.WARNING);
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldDrainWhenOffGasAndSmokeAgree() {
        send(env(B3, "asd-b3-1", T0, 0.2, 0.0));
        send(env(B3, "asd-b3-1", T0 + 5_000, 0.2, 35.0));

        assertThat(alerts.readValuesToList()).extracting(Alert::level).containsExactly(RiskLevel.WARNING, RiskLevel.CRITICAL);
        DrainDecision decision = decisions.readValue();
        assertThat(decision.evidence()).extracting(e -> e.family()).contains("smoke", "offgas");
        assertThat(decision.detectedAt()).isEqualTo(T0 + 5_000);
    }

    @Test
    void shouldDrainWhenOffGasAndTemperatureRiseAgree() {
        // one probe climbs 4 C/min against flat peers: one family, a warning
        rack(T0, 90, s -> 25.0, s -> 25.0 + s * 4.0 / 60);
        assertThat(alerts.readValuesToList()).extracting(Alert::level).containsExactly(RiskLevel.WARNING);
        assertThat(decisions.isEmpty()).isTrue();

        // electrolyte vapour in the same room: a second, independent family
        send(env(B3, "asd-b3-1", T0 + 91_000, 0.0, 40.0));

        DrainDecision decision = decisions.readValue();
        assertThat(decision.evidence()).extracting(e -> e.signal()).contains("cell_temp_rise", "voc");
        assertThat(decision.evidence()).filteredOn(e -> e.signal().equals("cell_temp_rise"))
                .extracting(e -> e.where()).containsExactly("3E-1/M04/p2");
    }

    @Test
    void shouldDrainAtOnceWhenRunawayIsConfirmedByRateAndVoltage() {
        rack(T0, 10, s -> 25.0, s -> 25.0);
        List<Double> collapsed = healthyVolts();
        collapsed.set(7, 0.9);
        double[] climb = {31, 49, 79, 121};
        for (int i = 0; i < climb.length; i++) {
            send(bms(B3, "3E-1", "M04", T0 + 10_000 + i * 1000L, probes(25, climb[i], 25, 25), collapsed));
        }

        DrainDecision decision = decisions.readValue();
        assertThat(decision.evidence().get(0).signal()).isEqualTo("thermal_runaway");
        assertThat(decision.evidence().get(0).decisive()).isTrue();
        assertThat(decision.detectedAt()).as("three one-second rises after the last calm sample").isEqualTo(T0 + 12_000);
    }

    @Test
    void shouldPageASingleGlitchTo150AndBackAsASensorFaultOnly() {
        rack(T0, 40, s -> 25.0, s -> s == 20 ? 150.0 : s == 21 ? 0.5 : 25.0);

        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).sensorFault()).isTrue();
        assertThat(raised.get(0).evidence().get(0).signal()).isEqualTo("probe_glitch");
        assertThat(raised.get(0).evidence().get(0).where()).isEqualTo("3E-1/M04/p2");
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldNotAlertWhenTheWholeRoomWarmsTogether() {
        // HVAC failure: every probe of every module climbs 3 C/min for ten minutes
        rack(T0, 600, s -> 24.0 + s * 3.0 / 60, s -> 24.0 + s * 3.0 / 60);

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldNotDrainOnHistoricalReadings() {
        send(fire(B3, T0, FireEventType.ALARM).asHistorical());
        send(env(B3, "asd-b3-1", T0, 2.0, 100.0).asHistorical());

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldIssueOneDrainPerIncident() {
        send(fire(B3, T0, FireEventType.PRE_ALARM));
        send(fire(B3, T0 + 20_000, FireEventType.ALARM));
        send(fire(B3, T0 + 35_000, FireEventType.SUPPRESSION_RELEASED));
        send(env(B3, "asd-b3-1", T0 + 40_000, 3.0, 200.0));

        assertThat(decisions.readValuesToList()).hasSize(1);
        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::level).containsExactly(RiskLevel.WARNING, RiskLevel.CRITICAL);
        assertThat(raised).extracting(Alert::id).as("one id per physical problem").containsOnly(raised.get(0).id());
    }

    @Test
    void shouldNotDrainAnotherRoomOrOnPowerLossAlone() {
        send(power(B2, T0, false));
        send(fire(B3, T0 + 1_000, FireEventType.FAULT));

        assertThat(decisions.isEmpty()).isTrue();
        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::room, Alert::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(B2, RiskLevel.WARNING),
                        org.assertj.core.groups.Tuple.tuple(B3, RiskLevel.WARNING));
        assertThat(raised.get(1).sensorFault()).as("a panel fault is a sensor fault, for the facility").isTrue();
    }

    @Test
    void shouldPageAtOnceWhenTheRoomGoesDarkAndNeverResolveOnSilence() {
        send(gateway(B3, T0, false));
        assertThat(alerts.readValue().evidence()).extracting(e -> e.signal()).containsExactly("telemetry_lost");

        // an hour passes in the other room: B3 stays where it was
        for (long t = T0 + 10_000; t <= T0 + 3_600_000; t += 10_000) {
            send(env(B2, "asd-b2-1", t, 0.003, 0.0));
        }

        assertThat(alerts.readValuesToList()).filteredOn(a -> a.room().equals(B3)).isEmpty();
    }

    @Test
    void shouldMakeADarkRoomCriticalWhenItHadAFireSignal() {
        send(env(B3, "asd-b3-1", T0, 0.2, 0.0));
        send(gateway(B3, T0 + 60_000, false));

        assertThat(decisions.readValue().evidence()).extracting(e -> e.family()).contains("telemetry", "smoke");
    }

    @Test
    void shouldResolveAWarningWhenItsEvidenceAgesOut() {
        send(env(B3, "asd-b3-1", T0, 0.2, 0.0));
        String id = alerts.readValue().id();

        // the room keeps talking, with clean air: the smoke counts for the evidence window (10 min)...
        for (long t = T0 + 10_000; t <= T0 + 19 * 60_000L; t += 10_000) {
            send(env(B3, "asd-b3-1", t, 0.003, 0.0));
        }
        assertThat(alerts.isEmpty()).as("evidence gone for less than the hold time: the warning holds").isTrue();
        // ...and the level comes down once it has been gone for the hold time (10 min) as well
        for (long t = T0 + 19 * 60_000L + 10_000; t <= T0 + 21 * 60_000L; t += 10_000) {
            send(env(B3, "asd-b3-1", t, 0.003, 0.0));
        }

        Alert resolved = alerts.readValue();
        assertThat(resolved.level()).isEqualTo(RiskLevel.NORMAL);
        assertThat(resolved.resolved()).isTrue();
        assertThat(resolved.id()).isEqualTo(id);
    }

    @Test
    void shouldDecideOnEventTimeWhenRecordsArriveOutOfOrder() {
        send(env(B3, "asd-b3-2", T0 + 30_000, 0.003, 0.0));
        send(fire(B3, T0, FireEventType.ALARM));

        assertThat(decisions.readValue().detectedAt()).isEqualTo(T0);
    }

    @Test
    void shouldGiveTheSameDecisionIdWhenTheSameReadingsAreReplayed() {
        send(fire(B3, T0, FireEventType.ALARM));
        String first = decisions.readValue().id();
        closeDriver();
        startDriver();

        send(fire(B3, T0, FireEventType.ALARM));

        assertThat(decisions.readValue().id()).isEqualTo(first);
    }

    @Test
    void shouldPageWhenARoomFallsSilentOnEventTimeInReplay() {
        for (long t = T0; t < T0 + 60_000; t += 1_000) {
            send(env(B3, "asd-b3-1", t, 0.003, 0.0));
            send(env(B2, "asd-b2-1", t, 0.003, 0.0));
        }
        // B3 stops; B2 carries on for a minute
        for (long t = T0 + 60_000; t < T0 + 120_000; t += 1_000) {
            send(env(B2, "asd-b2-1", t, 0.003, 0.0));
        }

        Alert alert = alerts.readValue();
        assertThat(alert.room()).isEqualTo(B3);
        assertThat(alert.level()).isEqualTo(RiskLevel.WARNING);
        assertThat(alert.evidence()).extracting(e -> e.signal()).containsExactly("telemetry_silent");
        assertThat(alert.detectedAt()).as("last heard + 30 s, to within one 5 s heartbeat").isBetween(T0 + 84_000, T0 + 89_000);
        assertThat(alerts.isEmpty()).as("B2 is fine").isTrue();
        assertThat(decisions.isEmpty()).as("silence alone pages, it does not drain").isTrue();
    }

    @Test
    void shouldDrainWhenARoomWithSmokeFallsSilent() {
        send(env(B3, "asd-b3-1", T0, 0.2, 0.0));
        for (long t = T0; t < T0 + 60_000; t += 1_000) {
            send(env(B2, "asd-b2-1", t, 0.003, 0.0));
        }

        assertThat(decisions.readValue().evidence()).extracting(e -> e.signal()).contains("smoke", "telemetry_silent");
    }

    @Test
    void shouldEndSilenceWhenTheRoomIsHeardAgainButNeverResolveOnSilence() {
        for (long t = T0; t < T0 + 10_000; t += 1_000) {
            send(env(B3, "asd-b3-1", t, 0.003, 0.0));
        }
        for (long t = T0 + 10_000; t < T0 + 30 * 60_000; t += 10_000) {
            send(env(B2, "asd-b2-1", t, 0.003, 0.0));
        }
        assertThat(alerts.readValuesToList()).extracting(Alert::level).as("silent half an hour: still paged, never resolved")
                .containsExactly(RiskLevel.WARNING);

        for (long t = T0 + 30 * 60_000; t < T0 + 42 * 60_000; t += 5_000) {
            send(env(B3, "asd-b3-1", t, 0.003, 0.0));
        }

        assertThat(alerts.readValuesToList()).filteredOn(a -> a.room().equals(B3)).extracting(Alert::level)
                .containsExactly(RiskLevel.NORMAL);
    }

    @Test
    void shouldPageOnTheWallClockWhenARoomFallsSilentInLiveMode() {
        closeDriver();
        detection = new DetectionHarness(stateDir, TimeMode.LIVE, java.time.Instant.ofEpochMilli(T0));
        alerts = detection.alertTopic();
        send(env(B3, "asd-b3-1", T0, 0.003, 0.0));

        detection.advanceWallClock(java.time.Duration.ofSeconds(20));
        assertThat(alerts.isEmpty()).isTrue();
        detection.advanceWallClock(java.time.Duration.ofSeconds(20));

        assertThat(alerts.readValue().evidence()).extracting(e -> e.signal()).containsExactly("telemetry_silent");
    }
}
