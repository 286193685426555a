package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final AlertingConfig config = AlertingConfig.defaults(KafkaSettings.local("localhost:9092"), Fixtures.pangyo())
            .withSafety(Duration.ofSeconds(120), 2).withAllClear(Duration.ofMinutes(30))
            .withEscalation(Duration.ofMinutes(5), null);
    private final Ledger ledger = new Ledger(config);
    private final Decisions decisions = new Decisions(Fixtures.pangyo(), Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void shouldHoldADrainWhenItWouldTakeMoreHallsThanAllowedUntilApproved() {
        // Given B3 (2 halls) drained
        assertThat(ledger.admit(b3("drn_1"))).isEqualTo(Ledger.Admission.DELIVER);
        ledger.delivered(b3("drn_1"));

        // When B2 would make 3 halls; then it comes again (a redelivery); then someone approves it
        DrainDecision b2 = Fixtures.drain("pangyo-a", "drn_2", "B2-battery", List.of("hall-3"), List.of("naver"));
        Ledger.Admission first = ledger.admit(b2);
        Ledger.Admission again = ledger.admit(b2);
        assertThat(ledger.approve("drn_2", "alice", T0, decisions)).contains(b2);

        // Then
        assertThat(first).isEqualTo(Ledger.Admission.HOLD);
        assertThat(again).isEqualTo(Ledger.Admission.STILL_HELD);
        assertThat(ledger.admit(b2)).isEqualTo(Ledger.Admission.DELIVER);
        assertThat(ledger.pending().held()).isEmpty();
    }

    @Test
    void shouldBookTheRoomDrainedOnlyWhenATargetAcceptedTheDrain() {
        // Given B3's drain admitted, no target has answered yet
        assertThat(ledger.admit(b3("drn_1"))).isEqualTo(Ledger.Admission.DELIVER);
        assertThat(ledger.pending().drained()).isEmpty();
        assertThat(ledger.pending().undelivered()).extracting(DrainDecision::id).containsExactly("drn_1");

        // When a target answers 2xx
        ledger.delivered(b3("drn_1"));

        // Then the room is drained and nothing waits for delivery
        assertThat(ledger.pending().drained()).extracting(DrainDecision::id).containsExactly("drn_1");
        assertThat(ledger.pending().undelivered()).isEmpty();
    }

    @Test
    void shouldStopRetryingAndNotBookTheRoomWhenAPersonTakesTheDrainOver() {
        // Given B3's drain that no target takes
        ledger.admit(b3("drn_1"));

        // When a person takes it over, and a target answers later anyway
        ledger.takeOver("drn_1");
        ledger.delivered(b3("drn_1"));

        // Then
        assertThat(ledger.takenOver("drn_1")).isTrue();
        assertThat(ledger.pending().undelivered()).isEmpty();
        assertThat(ledger.pending().drained()).isEmpty();
    }

    @Test
    void shouldNotBookADrainWhenItsReleaseCameBeforeAnyTargetAccepted() {
        // Given B3's drain admitted, then released before any 2xx
        ledger.admit(b3("drn_1"));
        ledger.admit(decisions.release(b3("drn_1"), "operator"));

        // When the request is accepted at last (its lane sends it before the release)
        ledger.delivered(b3("drn_1"));

        // Then the room is not drained
        assertThat(ledger.pending().drained()).isEmpty();
    }

    @Test
    void shouldNotCountTheSameRoomTwiceWhenItsDrainIsRepeatedOrReplaced() {
        // Given
        ledger.admit(b3("drn_1"));

        // When the same room is drained again under a new decision (detection after an early drain)
        Ledger.Admission replaced = ledger.admit(b3("drn_1b"));

        // Then it is not over the blast radius: the halls are the same
        assertThat(replaced).isEqualTo(Ledger.Admission.DELIVER);
        assertThat(ledger.admit(b3("drn_1b"))).isEqualTo(Ledger.Admission.DELIVER);
    }

    @Test
    void shouldOfferAnEarlyDrainOnlyWithinTheCountdownAndNotAfterAVeto() {
        // Given two warnings
        ledger.onAlert(Fixtures.alert("alr_a", "B2-battery", RiskLevel.WARNING, RiskLevel.WATCH), T0);
        ledger.onAlert(Fixtures.alert("alr_b", "B3-battery", RiskLevel.WARNING, RiskLevel.WATCH), T0);

        // When one is vetoed and both are approved, one of them too late
        ledger.veto("alr_b");

        // Then
        assertThat(ledger.approve("alr_a", "bob", T0.plusSeconds(121), decisions)).isEmpty();
        assertThat(ledger.approve("alr_b", "bob", T0.plusSeconds(10), decisions)).isEmpty();
        DrainDecision early = ledger.approve("alr_a", "bob", T0.plusSeconds(119), decisions).orElseThrow();
        assertThat(early.id()).isEqualTo("drn_w_alr_a");
        assertThat(early.scope()).containsExactly("hall-3");
        assertThat(early.tenants()).containsExactly("naver");
        assertThat(early.severity()).isEqualTo(RiskLevel.WARNING);
    }

    @Test
    void shouldNeitherOfferAnEarlyDrainNorStartTheAllClearForASensorFault() {
        // Given B3 drained, and a stuck probe there opens and later closes its own sensor-fault alert
        ledger.admit(b3("drn_1"));
        java.util.List<io.firebreak.telemetry.decision.Evidence> stuck = java.util.List.of(
                new io.firebreak.telemetry.decision.Evidence("probe_stuck", "sensor", "3E-1/M04/p2", 12, "min", 1L, false));
        ledger.onAlert(new io.firebreak.telemetry.decision.Alert("snr_1", "pangyo-a", "B3-battery", RiskLevel.WARNING,
                RiskLevel.NORMAL, "sensor fault", stuck, 1L), T0);
        ledger.onAlert(new io.firebreak.telemetry.decision.Alert("snr_1", "pangyo-a", "B3-battery", RiskLevel.NORMAL,
                RiskLevel.WARNING, "sensor fault cleared", stuck, 2L), T0.plusSeconds(60));

        // Then there is nothing to approve, and the drain is not released by the fault's end
        assertThat(ledger.approve("snr_1", "bob", T0.plusSeconds(10), decisions)).isEmpty();
        assertThat(ledger.dueAllClears(T0.plus(Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void shouldEscalateOnceWhenACriticalAlertIsNotAcknowledgedInTime() {
        // Given
        ledger.onAlert(Fixtures.alert("alr_c", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING), T0);
        ledger.onAlert(Fixtures.alert("alr_d", "B2-battery", RiskLevel.CRITICAL, RiskLevel.WARNING), T0);

        // When alr_d is acknowledged
        assertThat(ledger.ack("alr_d")).isTrue();

        // Then only alr_c escalates, once, and only when its time has come
        assertThat(ledger.dueEscalations(T0.plusSeconds(299))).isEmpty();
        assertThat(ledger.dueEscalations(T0.plusSeconds(300))).extracting(a -> a.id()).containsExactly("alr_c");
        assertThat(ledger.dueEscalations(T0.plusSeconds(900))).isEmpty();
    }

    @Test
    void shouldReleaseAfterTheAllClearPeriodUnlessTheRoomAlertsAgain() {
        // Given B3 drained and its alert resolved
        ledger.admit(b3("drn_1"));
        ledger.onAlert(Fixtures.alert("alr_e", "B3-battery", RiskLevel.NORMAL, RiskLevel.CRITICAL), T0);

        // When it alerts again before the period ends, then resolves again
        ledger.onAlert(Fixtures.alert("alr_f", "B3-battery", RiskLevel.WARNING, RiskLevel.NORMAL), T0.plusSeconds(60));
        assertThat(ledger.dueAllClears(T0.plus(Duration.ofMinutes(31)))).isEmpty();
        ledger.onAlert(Fixtures.alert("alr_f", "B3-battery", RiskLevel.NORMAL, RiskLevel.WARNING), T0.plusSeconds(120));

        // Then the release is due 30 minutes after the last resolve, once
        assertThat(ledger.dueAllClears(T0.plusSeconds(120).plus(Duration.ofMinutes(29)))).isEmpty();
        assertThat(ledger.dueAllClears(T0.plusSeconds(120).plus(Duration.ofMinutes(30))))
                .extracting(DrainDecision::id).containsExactly("drn_1");
        DrainDecision release = decisions.release(b3("drn_1"), "all-clear");
        assertThat(release.id()).isEqualTo("rel_drn_1");
        assertThat(release.type()).isEqualTo(DrainDecision.RELEASED);
        assertThat(ledger.admit(release)).isEqualTo(Ledger.Admission.DELIVER);
        assertThat(ledger.pending().drained()).isEmpty();
    }

    private static DrainDecision b3(String id) {
        return Fixtures.drain("pangyo-a", id, "B3-battery", List.of("hall-1", "hall-2"), List.of("kakao", "naver"));
    }
}
