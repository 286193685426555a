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

/** The ledger as the start-up replay rebuilds it: operator actions first, then decisions, then alerts. */
class LedgerReplayTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final AlertingConfig config = AlertingConfig.defaults(KafkaSettings.local("localhost:9092"), Fixtures.pangyo())
            .withSafety(Duration.ofSeconds(120), 2);
    private final Ledger ledger = new Ledger(config);
    private final Decisions decisions = new Decisions(Fixtures.pangyo(), Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void shouldDeliverAnApprovedEarlyDrainOverTheBlastRadiusWhenTheApprovalIsReplayedBeforeTheWarningIsKnown() {
        // Given the approval of B2's warning replayed before any alert (the operator topic comes first)
        ledger.approve("alr_w", "alice", T0, decisions);

        // When B3 (two halls) is drained, and the early drain of B2 (a third hall) is read
        ledger.admit(Fixtures.drain("pangyo-a", "drn_b3", "B3-battery", List.of("hall-1", "hall-2"), List.of("kakao", "naver")));
        DrainDecision early = decisions.earlyDrain(Fixtures.alert("alr_w", "B2-battery", RiskLevel.WARNING, RiskLevel.WATCH), "alice");

        // Then it goes out, as it did before the restart, and is not held for a second approval
        assertThat(ledger.admit(early)).isEqualTo(Ledger.Admission.DELIVER);
        assertThat(ledger.pending().held()).isEmpty();
    }

    @Test
    void shouldFindAnApprovedDecisionStillUndeliveredAfterTheReplay() {
        // Given an approval replayed, then the held decision it approves
        DrainDecision b3 = Fixtures.drain("pangyo-a", "drn_b3", "B3-battery", List.of("hall-1", "hall-2", "hall-3"),
                List.of("kakao", "naver"));
        ledger.approve("drn_b3", "alice", T0, decisions);

        // When
        Ledger.Admission admission = ledger.admit(b3);

        // Then it is admitted and waits for delivery: what the restart must carry out
        assertThat(admission).isEqualTo(Ledger.Admission.DELIVER);
        assertThat(ledger.undelivered("drn_b3")).contains(b3);
        ledger.delivered(b3);
        assertThat(ledger.undelivered("drn_b3")).isEmpty();
    }
}
