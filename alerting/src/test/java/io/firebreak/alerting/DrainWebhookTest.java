package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.alerting.console.ConsoleLinks;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.DrainTarget;
import io.firebreak.telemetry.inventory.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrainWebhookTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static DrainDecision decision() {
        return new DrainDecision("drn_01HF", DrainDecision.REQUESTED, "pangyo-a", "B3-battery",
                List.of("hall-1", "hall-2"), List.of("kakao"), RiskLevel.CRITICAL,
                "rack R07: cell 12 at +9.5 C over its peers, rising 2.1 C/min; VOC 40 ppm in zone B3-1",
                List.of(new Evidence("cell_temp_rise", "thermal", "R07/M03/c12", 2.1, "C/min", 1665814782000L, false)),
                1665814782000L);
    }

    @Test
    void shouldWriteTheContractFieldsInOrderWhenBuildingTheBody() throws Exception {
        // Given a drain decision and a time of issue
        Instant issuedAt = Instant.parse("2026-11-22T10:00:00.123Z");

        // When the body is built
        JsonNode body = PLAIN.readTree(DrainWebhook.body(decision(), issuedAt));

        // Then it has exactly the contract's fields, in the contract's order
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("type", "id", "site", "room", "scope", "tenants", "severity", "reason",
                "evidence", "detected_at", "issued_at");
        assertThat(body.get("type").asText()).isEqualTo("drain.requested");
        assertThat(body.get("id").asText()).isEqualTo("drn_01HF");
        assertThat(body.get("scope")).hasSize(2);
        assertThat(body.get("scope").get(0).asText()).isEqualTo("hall-1");
        assertThat(body.get("tenants").get(0).asText()).isEqualTo("kakao");
        assertThat(body.get("severity").asText()).isEqualTo("critical");
    }

    @Test
    void shouldMarkADrainThatRestsOnOnePanelAloneAsUncorroboratedNamingThePanel() throws Exception {
        DrainDecision alone = new DrainDecision("drn_02", DrainDecision.REQUESTED, "pangyo-a", "B3-battery", List.of("hall-1"),
                List.of("kakao"), RiskLevel.CRITICAL, "fire panel fp-b3 alarm, uncorroborated: nothing else in the room in the last minute",
                List.of(new Evidence("fire_alarm", "fire_panel", "fp-b3", 1, "", 1665814782000L, true)), 1665814782000L).asUncorroborated();

        JsonNode body = PLAIN.readTree(DrainWebhook.body(alone, Instant.parse("2026-11-22T10:00:00.123Z")));
        JsonNode corroborated = PLAIN.readTree(DrainWebhook.body(decision(), Instant.parse("2026-11-22T10:00:00.123Z")));

        assertThat(body.get("corroboration").asText()).isEqualTo("uncorroborated");
        assertThat(body.get("reason").asText()).contains("uncorroborated");
        assertThat(body.get("evidence").get(0).get("where").asText()).isEqualTo("fp-b3");
        assertThat(corroborated.has("corroboration")).isFalse();
    }

    @Test
    void shouldWriteTimesAsRfc3339UtcWithMillisWhenBuildingTheBody() throws Exception {
        // When
        JsonNode body = PLAIN.readTree(DrainWebhook.body(decision(), Instant.parse("2026-11-22T10:00:00.123Z")));

        // Then
        assertThat(body.get("detected_at").asText()).isEqualTo("2022-10-15T06:19:42.000Z");
        assertThat(body.get("issued_at").asText()).isEqualTo("2026-11-22T10:00:00.123Z");
    }

    @Test
    void shouldKeepOnlySignalWhereValueAndUnitWhenWritingEvidence() throws Exception {
        // When
        JsonNode evidence = PLAIN.readTree(DrainWebhook.body(decision(), Instant.EPOCH)).get("evidence").get(0);

        // Then
        List<String> names = new ArrayList<>();
        evidence.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("signal", "where", "value", "unit");
        assertThat(evidence.get("signal").asText()).isEqualTo("cell_temp_rise");
        assertThat(evidence.get("where").asText()).isEqualTo("R07/M03/c12");
        assertThat(evidence.get("value").asDouble()).isEqualTo(2.1);
        assertThat(evidence.get("unit").asText()).isEqualTo("C/min");
    }

    @Test
    void shouldGiveTheSameWebhookIdWhenTheSameDecisionGoesToTheSameTargetAgain() {
        // Given
        DrainTarget kakao = new DrainTarget("kakao-traffic", URI.create("http://127.0.0.1:1/drain"),
                new Secret("whsec_AAAA", "inline"), List.of(), List.of("kakao"));

        // When / Then
        assertThat(DrainWebhook.webhookId(decision(), kakao))
                .isEqualTo(DrainWebhook.webhookId(decision(), kakao))
                .isEqualTo("msg_drn_01HF_kakao-traffic");
    }

    @Test
    void shouldLinkToTheDecisionsIncidentInTheConsoleWhenAConsoleUrlIsSet() throws Exception {
        // Given people reach the console at https://firebreak.example/console
        ConsoleLinks links = ConsoleLinks.at(URI.create("https://firebreak.example/console"));

        // When the body is built
        JsonNode body = PLAIN.readTree(DrainWebhook.body(decision(), Instant.parse("2026-11-22T10:00:00.123Z"), links));

        // Then it ends with one link, to the incident's page, after the contract's fields
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).endsWith("issued_at", "links");
        assertThat(body.at("/links/0/href").asText()).isEqualTo("https://firebreak.example/console#incident/drn_01HF");
        assertThat(body.at("/links/0/text").asText()).contains("drn_01HF");
        // and without a console URL there is no link at all
        assertThat(PLAIN.readTree(DrainWebhook.body(decision(), Instant.EPOCH, ConsoleLinks.none())).has("links")).isFalse();
    }
}
