package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.alerting.console.ConsoleLinks;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.Secret;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagerRouterTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private final SiteInventory pangyo = Fixtures.pangyo();
    private final PagerRouter router =
            new PagerRouter(pangyo, Clock.fixed(Instant.parse("2022-10-15T06:20:00Z"), ZoneOffset.UTC));

    @Test
    void shouldPageFacilityKakaoAndNaverWhenB3BatteryIsCritical() {
        // Given B3-battery feeds hall-1 and hall-2, where kakao and naver run
        // When a critical alert about it is routed
        List<PagerEvent> events = router.eventsFor(Fixtures.alert("alr-1", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING));

        // Then one trigger per routing key, all with the alert id as dedup key
        assertThat(events).extracting(e -> e.routingKey().reveal())
                .containsExactly(Fixtures.FACILITY_KEY, Fixtures.KAKAO_KEY, Fixtures.NAVER_KEY);
        assertThat(events).extracting(PagerEvent::recipient).containsExactly("facility", "tenant:kakao", "tenant:naver");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.eventAction()).isEqualTo("trigger");
            assertThat(e.dedupKey()).isEqualTo("alr-1");
            assertThat(e.payload().severity()).isEqualTo("critical");
        });
    }

    @Test
    void shouldPageOnlyFacilityAndNaverWhenB2BatteryIsWarning() {
        // Given B2-battery feeds only hall-3, where only naver runs
        // When
        List<PagerEvent> events = router.eventsFor(Fixtures.alert("alr-2", "B2-battery", RiskLevel.WARNING, RiskLevel.WATCH));

        // Then
        assertThat(events).extracting(e -> e.routingKey().reveal())
                .containsExactly(Fixtures.FACILITY_KEY, Fixtures.NAVER_KEY);
        assertThat(events).allSatisfy(e -> assertThat(e.payload().severity()).isEqualTo("warning"));
    }

    @Test
    void shouldPageNobodyWhenTheLevelIsOnlyWatch() {
        assertThat(router.eventsFor(Fixtures.alert("alr-3", "B3-battery", RiskLevel.WATCH, RiskLevel.NORMAL))).isEmpty();
    }

    @Test
    void shouldResolveWithTheSameDedupKeyWhenTheRoomIsBackToNormal() {
        // When
        List<PagerEvent> events = router.eventsFor(Fixtures.alert("alr-1", "B3-battery", RiskLevel.NORMAL, RiskLevel.CRITICAL));

        // Then
        assertThat(events).hasSize(3).allSatisfy(e -> {
            assertThat(e.eventAction()).isEqualTo("resolve");
            assertThat(e.dedupKey()).isEqualTo("alr-1");
        });
    }

    @Test
    void shouldWriteEventsV2FieldsWhenSerialisingATrigger() throws Exception {
        // Given
        PagerEvent event = router.eventsFor(Fixtures.alert("alr-1", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING)).get(0);

        // When
        JsonNode json = PLAIN.readTree(PagerClient.json(event));

        // Then
        assertThat(json.get("routing_key").asText()).isEqualTo(Fixtures.FACILITY_KEY);
        assertThat(json.get("event_action").asText()).isEqualTo("trigger");
        assertThat(json.get("dedup_key").asText()).isEqualTo("alr-1");
        JsonNode payload = json.get("payload");
        assertThat(payload.get("summary").asText()).isEqualTo("B3-battery is CRITICAL");
        assertThat(payload.get("source").asText()).isEqualTo("pangyo-a/B3-battery");
        assertThat(payload.get("severity").asText()).isEqualTo("critical");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2022-10-15T06:19:42.000Z");
        assertThat(payload.get("component").asText()).isEqualTo("B3-battery");
        assertThat(payload.get("group").asText()).isEqualTo("pangyo-a");
        assertThat(payload.get("class").asText()).isEqualTo("smoke");
        assertThat(payload.at("/custom_details/evidence/0/where").asText()).isEqualTo("asd-b3-1");
    }

    @Test
    void shouldNeverShowARoutingKeyWhenAnEventIsPrinted() {
        PagerEvent event = router.eventsFor(Fixtures.alert("alr-1", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING)).get(1);

        assertThat(event.toString()).doesNotContain(Fixtures.KAKAO_KEY);
    }

    @Test
    void shouldPageFacilityWithTheDecisionWhenADrainCannotBeDelivered() {
        // Given a decision that kakao-traffic never accepted
        var decision = Fixtures.drainB3("drn_9", List.of("kakao"));
        var target = pangyo.drainTargets().get(0);

        // When
        PagerEvent event = router.deliveryFailure(decision, target,
                new PostOutcome(PostOutcome.Status.EXHAUSTED, 6, "ConnectException"));

        // Then
        assertThat(event.routingKey().reveal()).isEqualTo(Fixtures.FACILITY_KEY);
        assertThat(event.payload().severity()).isEqualTo("critical");
        assertThat(event.payload().summary()).contains("drn_9", "kakao-traffic");
        assertThat(event.payload().customDetails().at("/decision/id").asText()).isEqualTo("drn_9");
        assertThat(event.dedupKey()).isEqualTo("drain_failed_drn_9_kakao-traffic");
    }

    @Test
    void shouldPageOnlyTheFacilityWhenTheAlertIsASensorFault() {
        // Given B3's gateway went silent: telemetry evidence only
        io.firebreak.telemetry.decision.Alert fault = new io.firebreak.telemetry.decision.Alert("alr-gw", "pangyo-a",
                "B3-battery", RiskLevel.WARNING, RiskLevel.NORMAL, "gateway gw-b3 offline",
                List.of(new io.firebreak.telemetry.decision.Evidence("telemetry_lost", "telemetry", "gw-b3", 0, "", 1L, false)), 1L);

        // When / Then
        assertThat(router.eventsFor(fault)).extracting(PagerEvent::recipient).containsExactly("facility");
    }

    @Test
    void shouldPageOnlyTheFacilityForAStuckProbe() {
        io.firebreak.telemetry.decision.Alert fault = new io.firebreak.telemetry.decision.Alert("snr_1", "pangyo-a",
                "B3-battery", RiskLevel.WARNING, RiskLevel.NORMAL, "sensor fault",
                List.of(new io.firebreak.telemetry.decision.Evidence("probe_stuck", "sensor", "3E-1/M04/p2", 12, "min", 1L, false)), 1L);

        assertThat(router.eventsFor(fault)).extracting(PagerEvent::recipient).containsExactly("facility");
    }

    @Test
    void shouldAcknowledgeForEveryTeamPagedWhenAnOperatorAcknowledges() {
        // When
        List<PagerEvent> acks = router.acknowledgements("alr-1", "B3-battery");

        // Then
        assertThat(acks).extracting(PagerEvent::recipient).containsExactly("facility", "tenant:kakao", "tenant:naver");
        assertThat(acks).allSatisfy(e -> {
            assertThat(e.eventAction()).isEqualTo("acknowledge");
            assertThat(e.dedupKey()).isEqualTo("alr-1");
        });
    }

    @Test
    void shouldLinkEveryTriggerToItsIncidentInTheConsoleWhenAConsoleUrlIsSet() throws Exception {
        // Given people reach the console at https://firebreak.example/console
        PagerRouter linked = new PagerRouter(pangyo, Clock.fixed(Instant.parse("2022-10-15T06:20:00Z"), ZoneOffset.UTC),
                ConsoleLinks.at(URI.create("https://firebreak.example/console")));
        Alert critical = Fixtures.alert("alr-1", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING);
        DrainDecision drain = Fixtures.drainB3("drn_7", List.of("kakao", "naver"));

        // When the alert's pages, its escalation, a held drain's and an undelivered drain's pages are built
        List<PagerEvent> triggers = new java.util.ArrayList<>(linked.eventsFor(critical));
        triggers.add(linked.escalation(critical, Duration.ofMinutes(5), new Secret("EXAMPLE-next-level", "test")));
        PagerEvent approval = linked.approvalNeeded(drain, 1);
        PagerEvent undelivered = linked.deliveryFailure(drain, pangyo.drainTargets().get(0),
                new PostOutcome(PostOutcome.Status.EXHAUSTED, 8, "HTTP 503"));

        // Then each carries Events v2's client_url and links to the incident page of its alert or decision
        for (PagerEvent e : triggers) {
            JsonNode json = PLAIN.readTree(PagerClient.json(e));
            assertThat(json.get("client").asText()).isEqualTo("Firebreak");
            assertThat(json.get("client_url").asText()).isEqualTo("https://firebreak.example/console#incident/alr-1");
            assertThat(json.at("/links/0/href").asText()).isEqualTo("https://firebreak.example/console#incident/alr-1");
        }
        assertThat(PLAIN.readTree(PagerClient.json(approval)).get("client_url").asText())
                .isEqualTo("https://firebreak.example/console#incident/drn_7");
        assertThat(PLAIN.readTree(PagerClient.json(undelivered)).at("/links/0/href").asText())
                .isEqualTo("https://firebreak.example/console#incident/drn_7");
        // and acknowledge and resolve carry none (Events v2 reads links on triggers only)
        Alert resolved = Fixtures.alert("alr-1", "B3-battery", RiskLevel.NORMAL, RiskLevel.CRITICAL);
        assertThat(linked.eventsFor(resolved)).allSatisfy(e -> assertThat(e.link()).isNull());
        assertThat(linked.acknowledgements("alr-1", "B3-battery")).allSatisfy(e -> assertThat(e.link()).isNull());
    }

    @Test
    void shouldSendNoLinksWhenNoConsoleUrlIsSet() throws Exception {
        PagerEvent event = router.eventsFor(Fixtures.alert("alr-1", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING)).get(0);

        JsonNode json = PLAIN.readTree(PagerClient.json(event));

        assertThat(json.has("client_url")).isFalse();
        assertThat(json.has("links")).isFalse();
        assertThat(json.has("client")).isFalse();
    }
}
