package io.firebreak.alerting.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentLogTest {

    private final IncidentLog log = new IncidentLog();

    @Test
    void shouldPutEachRecordInItsOwnIncidentWhenTopicsAreReadOneAfterAnother() {
        // Given two fires in B3, an hour apart, whose alerts are read before any decision, action or delivery
        log.onAlert(alert("alr_1", RiskLevel.CRITICAL, RiskLevel.WARNING), 10_000);
        log.onAlert(alert("alr_1", RiskLevel.NORMAL, RiskLevel.CRITICAL), 20_000);
        log.onAlert(alert("alr_2", RiskLevel.CRITICAL, RiskLevel.NORMAL), 3_600_000);

        // When the decisions, deliveries and actions of both are read afterwards
        log.onDecision(decision("drn_1"), 11_000);
        log.onDecision(decision("drn_2"), 3_601_000);
        log.onAudit(new DeliveryAttempt("drn_1", DeliveryAttempt.WEBHOOK, "pangyo-a", "B3-battery", "naver-traffic",
                "msg_drn_1_naver-traffic", 1, 200, null, 12, 11_500), 11_500);
        log.onAction(new OperatorAction("op_1", "release", "drn_2", "pangyo-a", "B3-battery", "alice", "cleared", 3_602_000),
                3_602_000);

        // Then each incident shows only its own, in time order, with who acted
        assertThat(log.incident("alr_1")).hasValueSatisfying(i -> {
            assertThat(i.to()).isEqualTo(20_000L);
            assertThat(i.entries()).extracting(IncidentLog.Entry::what).containsExactly(
                    "level warning -> critical: alr_1",
                    "drain decided: hall-1, hall-2 (tenants kakao, naver) [drn_1]",
                    "webhook to naver-traffic attempt 1: answered 200 [drn_1]",
                    "resolved (critical -> normal)");
        });
        assertThat(log.incident("alr_2")).hasValueSatisfying(i -> {
            assertThat(i.to()).isNull();
            assertThat(i.entries()).extracting(IncidentLog.Entry::subject).containsExactly("alr_2", "drn_2", "drn_2");
            assertThat(i.entries().get(2).who()).isEqualTo("alice");
        });
        assertThat(log.incident("alr_unknown")).isEmpty();
    }

    @Test
    void shouldOpenTheIncidentADecisionBelongsToWhenTheLinkNamesTheDecision() {
        // Given two fires in B3 an hour apart, each with its drain, the decisions read before the second alert
        log.onAlert(alert("alr_1", RiskLevel.CRITICAL, RiskLevel.WARNING), 10_000);
        log.onDecision(decision("drn_1"), 11_000);
        log.onAlert(alert("alr_1", RiskLevel.NORMAL, RiskLevel.CRITICAL), 20_000);
        log.onDecision(decision("drn_2"), 3_601_000);
        log.onAlert(alert("alr_2", RiskLevel.CRITICAL, RiskLevel.NORMAL), 3_600_000);

        // When the links of webhooks and decision pages (#incident/<decision id>) are opened
        // Then each decision opens its own fire's incident, and an unknown id none
        assertThat(log.incident("drn_1")).hasValueSatisfying(i -> assertThat(i.id()).isEqualTo("alr_1"));
        assertThat(log.incident("drn_2")).hasValueSatisfying(i -> {
            assertThat(i.id()).isEqualTo("alr_2");
            assertThat(i.entries()).extracting(IncidentLog.Entry::subject).contains("drn_2");
        });
        assertThat(log.incident("drn_unknown")).isEmpty();
    }

    private static Alert alert(String id, RiskLevel level, RiskLevel previous) {
        return new Alert(id, "pangyo-a", "B3-battery", level, previous, id,
                level == RiskLevel.NORMAL ? List.of() : List.of(new Evidence("smoke", "smoke", "asd-b3-1", 1, "%obs/m", 1, true)), 1);
    }

    private static DrainDecision decision(String id) {
        return new DrainDecision(id, DrainDecision.REQUESTED, "pangyo-a", "B3-battery", List.of("hall-1", "hall-2"),
                List.of("kakao", "naver"), RiskLevel.CRITICAL, "fire", List.of(), 1, false);
    }
}
