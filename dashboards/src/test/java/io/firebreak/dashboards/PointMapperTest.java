package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Measurement;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointMapperTest {

    private static final long TS = 1_665_814_745_250L;

    private static Reading reading(DeviceAddress source, Measurement measurement) {
        return new Reading(source, TS, 7L, TS + 40, false, measurement);
    }

    @Test
    void shouldSummariseCellsPerModuleWhenMappingBmsSample() {
        BmsSample sample = new BmsSample(Arrays.asList(3.312, null, 3.300), Arrays.asList(24.0, 26.0, null, 25.0), -12.5, 0.97);

        SeriesPoint point = PointMapper.map(reading(DeviceAddress.bms("pangyo-a", "B3", "R07", "M03"), sample)).orElseThrow();

        assertThat(point.measurement()).isEqualTo("bms_module");
        assertThat(point.timeMs()).isEqualTo(TS);
        assertThat(point.tags()).isEqualTo(Map.of("site", "pangyo-a", "room", "B3", "rack", "R07", "module", "M03"));
        assertThat(point.fields()).containsOnlyKeys("t_max", "t_min", "t_mean", "t_spread", "t_dev_max", "v_max", "v_min", "v_spread",
                "v_dev_max", "current_a", "soc", "historical");
        assertThat(point.fields()).containsEntry("t_max", 26.0).containsEntry("t_min", 24.0).containsEntry("t_mean", 25.0)
                .containsEntry("t_spread", 2.0).containsEntry("t_dev_max", 1.0).containsEntry("v_max", 3.312).containsEntry("v_min", 3.300)
                .containsEntry("current_a", -12.5).containsEntry("soc", 0.97).containsEntry("historical", 0L);
        assertThat((Double) point.fields().get("v_spread")).isCloseTo(0.012, org.assertj.core.data.Offset.offset(1e-9));
        assertThat((Double) point.fields().get("v_dev_max")).isCloseTo(0.006, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldMeasureDeviationFromModuleMedianWhenOneCellDrifts() {
        BmsSample sample = new BmsSample(List.of(3.30, 3.31, 3.30, 2.50), List.of(25.0, 25.0, 25.0, 25.0, 61.0), null, null);

        SeriesPoint point = PointMapper.map(reading(DeviceAddress.bms("s", "r", "R1", "M1"), sample)).orElseThrow();

        assertThat((Double) point.fields().get("v_dev_max")).isCloseTo(0.80, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(point.fields()).containsEntry("t_dev_max", 36.0);
    }

    @Test
    void shouldLeaveOutSummariesWhenModuleHasNoValidCells() {
        Reading late = reading(DeviceAddress.bms("s", "r", "R1", "M1"),
                new BmsSample(Arrays.asList(null, Double.NaN), List.of(), null, null)).asHistorical();

        SeriesPoint point = PointMapper.map(late).orElseThrow();

        assertThat(point.fields()).isEqualTo(Map.of("historical", 1L));
    }

    @Test
    void shouldTagSensorWhenMappingEnvSample() {
        SeriesPoint point = PointMapper.map(reading(DeviceAddress.of("s", "r", DeviceKind.ENV, "asd-1"),
                new EnvSample(23.4, 41.0, 0.5, 1.2, 40.0, 0.003))).orElseThrow();

        assertThat(point.measurement()).isEqualTo("env");
        assertThat(point.tags()).isEqualTo(Map.of("site", "s", "room", "r", "sensor", "asd-1"));
        assertThat(point.fields()).isEqualTo(Map.of("air_t", 23.4, "rh", 41.0, "h2_ppm", 0.5, "co_ppm", 1.2,
                "voc_ppm", 40.0, "smoke_pct_m", 0.003));
    }

    @Test
    void shouldWriteNoPointWhenEnvSampleHasNoValue() {
        assertThat(PointMapper.map(reading(DeviceAddress.of("s", "r", DeviceKind.ENV, "asd-1"),
                new EnvSample(null, null, null, null, null, null)))).isEmpty();
    }

    @Test
    void shouldWriteFlagsAsZeroOneIntegersWhenMappingPowerSample() {
        SeriesPoint point = PointMapper.map(reading(DeviceAddress.of("s", "r", DeviceKind.POWER, "ups-1"),
                new PowerSample(true, 380.2, 412.0, false, true))).orElseThrow();

        assertThat(point.measurement()).isEqualTo("power");
        assertThat(point.tags()).isEqualTo(Map.of("site", "s", "room", "r", "device", "ups-1"));
        assertThat(point.fields()).isEqualTo(Map.of("on_battery", 1L, "input_v", 380.2, "output_kw", 412.0,
                "output_on", 0L, "battery_breaker_closed", 1L));
        assertThat(point.toPoint().lineProtocol()).contains("on_battery=1i", "output_on=0i");
    }

    @Test
    void shouldTagPanelAndEventWhenMappingFireEvent() {
        SeriesPoint point = PointMapper.map(reading(DeviceAddress.of("s", "r", DeviceKind.FIRE, "fp-1"),
                new FireEvent("B3-UPS", FireEventType.SUPPRESSION_RELEASED))).orElseThrow();

        assertThat(point.measurement()).isEqualTo("fire_event");
        assertThat(point.tags()).isEqualTo(Map.of("site", "s", "room", "r", "panel", "fp-1", "event", "suppression_released"));
        assertThat(point.fields()).isEqualTo(Map.of("zone", "B3-UPS", "count", 1L));
    }

    @Test
    void shouldMapOnlineFlagWhenMappingGatewayStatus() {
        SeriesPoint point = PointMapper.map(reading(DeviceAddress.of("s", "r", DeviceKind.GATEWAY, "gw-1"),
                new GatewayStatus(false))).orElseThrow();

        assertThat(point.measurement()).isEqualTo("gateway");
        assertThat(point.tags()).isEqualTo(Map.of("site", "s", "room", "r", "gateway", "gw-1"));
        assertThat(point.fields()).isEqualTo(Map.of("online", 0L));
    }

    @Test
    void shouldPutAlertAtDetectedAtWithEvidenceTextWhenMappingAlert() {
        Alert alert = new Alert("alr-1", "s", "r", RiskLevel.WARNING, RiskLevel.WATCH, "off-gas in B3",
                List.of(new Evidence("voc", "offgas", "asd-1", 40, "ppm", TS, false),
                        new Evidence("cell_temp_rise", "thermal", "R07/M03/p2", 2.1, "C/min", TS, false)), TS + 5);

        SeriesPoint point = PointMapper.map(alert);

        assertThat(point.measurement()).isEqualTo("alert");
        assertThat(point.timeMs()).isEqualTo(TS + 5);
        assertThat(point.tags()).isEqualTo(Map.of("site", "s", "room", "r", "level", "warning"));
        assertThat(point.fields()).isEqualTo(Map.of("id", "alr-1", "previous", "watch", "summary", "off-gas in B3",
                "evidence", "voc 40 ppm at asd-1; cell_temp_rise 2.10 C/min at R07/M03/p2", "level_rank", 2L));
    }

    @Test
    void shouldJoinScopeAndTenantsWhenMappingDrain() {
        DrainDecision drain = new DrainDecision("drn-1", DrainDecision.REQUESTED, "s", "r", List.of("hall-1", "hall-2"),
                List.of("kakao"), RiskLevel.CRITICAL, "rack R07 runaway", List.of(), TS + 9);

        SeriesPoint point = PointMapper.map(drain);

        assertThat(point.measurement()).isEqualTo("drain");
        assertThat(point.timeMs()).isEqualTo(TS + 9);
        assertThat(point.tags()).isEqualTo(Map.of("site", "s", "room", "r", "type", "drain.requested"));
        assertThat(point.fields()).isEqualTo(Map.of("id", "drn-1", "scope", "hall-1,hall-2", "tenants", "kakao",
                "reason", "rack R07 runaway", "severity", "critical"));
    }

    @Test
    void shouldClassifyReasonWhenMappingDeadLetter() {
        DeadLetter whole = new DeadLetter("dc/s/r/env/asd-1", "nope".getBytes(StandardCharsets.UTF_8), TS, "not JSON", null);
        DeadLetter value = new DeadLetter("dc/s/r/env/asd-1", new byte[0], TS, "smoke out of range", "smoke_pct_m");

        assertThat(PointMapper.map(whole).tags()).isEqualTo(Map.of("reason_class", "message"));
        assertThat(PointMapper.map(whole).fields()).isEqualTo(Map.of("count", 1L, "topic", "dc/s/r/env/asd-1", "reason", "not JSON"));
        assertThat(PointMapper.map(value).tags()).isEqualTo(Map.of("reason_class", "value"));
        assertThat(PointMapper.map(value).fields()).containsEntry("field", "smoke_pct_m");
    }

    private static DeliveryAttempt webhook(int attempt, int status, String error, long latencyMs) {
        return new DeliveryAttempt("drn-1", DeliveryAttempt.WEBHOOK, "s", "r", "kakao-traffic", "msg_drn-1_kakao-traffic",
                attempt, status, error, latencyMs, TS + attempt);
    }

    @Test
    void shouldTagUndeliveredWhenTheDrainAndItsPageBothKeepFailing() {
        DeliveryAttempt undelivered = new DeliveryAttempt("drn-1", DeliveryAttempt.UNDELIVERED, "s", "r", "kakao-traffic",
                "msg_drn-1_kakao-traffic", 8, 0, "webhook status 503; page ConnectException", 0, TS);

        SeriesPoint point = PointMapper.map(undelivered);

        assertThat(point.tags()).containsEntry("kind", "undelivered").containsEntry("outcome", "undelivered");
    }

    @Test
    void shouldTagKindTargetAndAcceptedOutcomeWhenWebhookIsAccepted() {
        SeriesPoint point = PointMapper.map(webhook(2, 204, null, 37));

        assertThat(point.measurement()).isEqualTo("delivery");
        assertThat(point.timeMs()).isEqualTo(TS + 2);
        assertThat(point.tags()).isEqualTo(Map.of("site", "s", "room", "r", "kind", "webhook", "target", "kakao-traffic",
                "outcome", "accepted"));
        assertThat(point.fields()).isEqualTo(Map.of("subject", "drn-1", "message_id", "msg_drn-1_kakao-traffic", "attempt", 2L,
                "status", 204L, "latency_ms", 37L));
        assertThat(point.toPoint().lineProtocol()).contains("attempt=2i", "status=204i", "latency_ms=37i");
    }

    @Test
    void shouldMarkRejectedAndKeepStatusWhenReceiverAnswersWithError() {
        SeriesPoint point = PointMapper.map(webhook(1, 503, null, 12));

        assertThat(point.tags()).containsEntry("outcome", "rejected");
        assertThat(point.fields()).containsEntry("status", 503L).doesNotContainKey("error");
    }

    @Test
    void shouldMarkNoAnswerAndKeepErrorWhenAttemptGetsNoStatus() {
        SeriesPoint point = PointMapper.map(webhook(3, 0, "HttpTimeoutException", 5_000));

        assertThat(point.tags()).containsEntry("outcome", "no_answer");
        assertThat(point.fields()).containsEntry("status", 0L).containsEntry("error", "HttpTimeoutException")
                .containsEntry("latency_ms", 5_000L);
    }

    @Test
    void shouldMarkDryRunWhenNothingWasSent() {
        DeliveryAttempt dryRun = new DeliveryAttempt("pangyo-a/r/inc-1", DeliveryAttempt.PAGE, "s", "r", "tenant:kakao", "trigger",
                0, 0, "dry_run", 0, TS);

        SeriesPoint point = PointMapper.map(dryRun);

        assertThat(point.tags()).containsEntry("kind", "page").containsEntry("target", "tenant:kakao").containsEntry("outcome", "dry_run");
        assertThat(point.fields()).containsEntry("attempt", 0L).containsEntry("error", "dry_run");
    }

    @Test
    void shouldLeaveOutMessageIdWhenAttemptHasNone() {
        DeliveryAttempt page = new DeliveryAttempt("dedup-1", DeliveryAttempt.PAGE, "s", "r", "facility", null, 1, 202, null, 80, TS);

        SeriesPoint point = PointMapper.map(page);

        assertThat(point.tags()).containsEntry("outcome", "accepted");
        assertThat(point.fields()).isEqualTo(Map.of("subject", "dedup-1", "attempt", 1L, "status", 202L, "latency_ms", 80L));
    }

    @Test
    void shouldTagActionAndKeepWhoAndSubjectAsFieldsWhenOperatorActs() {
        SeriesPoint point = PointMapper.map(new OperatorAction("op_1", OperatorAction.APPROVE, "drn-1", "pangyo-a", "B3-battery",
                "kim", "confirmed on camera", 42_000));

        assertThat(point.measurement()).isEqualTo("operator_action");
        assertThat(point.tags()).isEqualTo(Map.of("site", "pangyo-a", "room", "B3-battery", "action", "approve"));
        assertThat(point.fields()).isEqualTo(Map.of("id", "op_1", "subject", "drn-1", "operator", "kim", "note", "confirmed on camera"));
        assertThat(point.timeMs()).isEqualTo(42_000);
    }
}
