package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.Secret;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operator actions through the HTTP endpoint and {@code firebreak.operator.v1}, and the safety rules they
 * drive: the blast-radius guard, the warning countdown, escalation and the all-clear. Each test uses its
 * own site id, so drains booked by other tests do not count.
 */
class OperatorIT {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static KafkaHarness kafka;

    private RecordingReceiver receiver;
    private AlertingService service;
    private OperatorClient client;
    private String site;

    @BeforeAll
    static void startBroker() {
        kafka = new KafkaHarness();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void startReceiver() {
        receiver = new RecordingReceiver();
        site = "site-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopAll() {
        if (service != null) {
            service.close();
        }
        receiver.close();
    }

    @Test
    void shouldHoldAndPageThenDeliverWhenADrainOverTheBlastRadiusIsApproved() throws Exception {
        // Given at most 2 halls may be drained without approval, and B3 (halls 1 and 2) is drained
        start(config().withSafety(Duration.ofMinutes(2), 2));
        kafka.produce(Fixtures.drain(site, "drn_b3", "B3-battery", List.of("hall-1", "hall-2"), List.of("kakao", "naver")));
        await().atMost(WAIT).until(() -> service.counters().delivered() == 2);

        // When a drain of B2 (hall-3) would make it three
        kafka.produce(Fixtures.drain(site, "drn_b2", "B2-battery", List.of("hall-3"), List.of("naver")));

        // Then it is held and the facility is asked to approve it
        await().atMost(WAIT).until(() -> receiver.at("/pager").size() == 1);
        JsonNode page = PLAIN.readTree(receiver.at("/pager").get(0).body());
        assertThat(page.get("dedup_key").asText()).isEqualTo("approve_drn_b2");
        assertThat(page.at("/payload/custom_details/decision/id").asText()).isEqualTo("drn_b2");
        assertThat(service.pending().held()).extracting(DrainDecision::id).containsExactly("drn_b2");
        assertThat(client.pending().at("/held/0/id").asText()).isEqualTo("drn_b2");
        assertThat(bodies("/drain/naver-traffic")).extracting(b -> b.get("id").asText()).containsExactly("drn_b3");

        // When bob, who may not approve, tries: refused, audited, and nothing moves
        OperatorClient bob = new OperatorClient(URI.create("http://127.0.0.1:" + service.operatorPort()), Operators.BOB_TOKEN);
        assertThatThrownBy(() -> bob.submit("approve", "drn_b2", null, null))
                .isInstanceOfSatisfying(OperatorClient.OperatorException.class, e -> assertThat(e.status()).isEqualTo(403));
        await().atMost(WAIT).until(() -> !kafka.audit("drn_b2").isEmpty());
        assertThat(kafka.audit("drn_b2")).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(OperatorRefusals.KIND);
            assertThat(a.target()).isEqualTo("operator:bob");
            assertThat(a.error()).isEqualTo("role_not_allowed");
        });
        assertThat(kafka.actions("drn_b2")).isEmpty();
        assertThat(service.pending().held()).extracting(DrainDecision::id).containsExactly("drn_b2");

        // When an operator approves it (the room is found from what is pending)
        OperatorAction recorded = client.submit("approve", "drn_b2", null, "hall-3 can go");

        // Then the action is on Kafka, and the decision is delivered under its own id
        assertThat(recorded.room()).isEqualTo("B2-battery");
        assertThat(kafka.actions("drn_b2")).extracting(OperatorAction::operator).containsExactly("alice");
        await().atMost(WAIT).until(() -> bodies("/drain/naver-traffic").size() == 2);
        assertThat(bodies("/drain/naver-traffic").get(1).get("id").asText()).isEqualTo("drn_b2");
        assertThat(receiver.at("/drain/naver-traffic").get(1).header("webhook-id")).isEqualTo("msg_drn_b2_naver-traffic");
    }

    @Test
    void shouldDrainEarlyWhenAnOperatorApprovesAWarningAndNotWhenVetoed() throws Exception {
        // Given
        start(config());

        // When B2 goes to warning and an operator approves the early drain within the countdown
        kafka.produce(Fixtures.alert(site, "alr_w1", "B2-battery", RiskLevel.WARNING, RiskLevel.WATCH));
        await().atMost(WAIT).until(() -> !service.pending().countdowns().isEmpty());
        client.submit("approve", "alr_w1", null, null);

        // Then a drain.requested for hall-3, with an id derived from the alert, reaches naver's traffic system
        await().atMost(WAIT).until(() -> bodies("/drain/naver-traffic").size() == 1);
        JsonNode early = bodies("/drain/naver-traffic").get(0);
        assertThat(early.get("id").asText()).isEqualTo("drn_w_alr_w1");
        assertThat(early.get("severity").asText()).isEqualTo("warning");
        assertThat(early.get("scope")).extracting(JsonNode::asText).containsExactly("hall-3");
        assertThat(receiver.at("/drain/kakao-traffic")).isEmpty();

        // When B3 goes to warning, an operator vetoes, and someone approves afterwards
        kafka.produce(Fixtures.alert(site, "alr_w2", "B3-battery", RiskLevel.WARNING, RiskLevel.WATCH));
        await().atMost(WAIT).until(() -> service.pending().countdowns().size() == 2);
        client.submit("veto", "alr_w2", null, "false alarm: HVAC work");
        await().atMost(WAIT).until(() -> service.pending().countdowns().stream().anyMatch(PendingState.Countdown::vetoed));
        client.submit("approve", "alr_w2", null, null);
        client.submit("ack", "alr_w2", "B3-battery", null);

        // Then no early drain of B3 goes out: the ack after the approval (same room, same partition) is applied,
        // and a release of B2 published after it is delivered, while kakao's traffic system saw nothing
        await().atMost(WAIT).until(() -> pages("alr_w2").stream()
                .filter(p -> p.get("event_action").asText().equals("acknowledge")).count() == 3);
        client.submit("release", "drn_w_alr_w1", "B2-battery", null);
        await().atMost(WAIT).until(() -> bodies("/drain/naver-traffic").size() == 2);
        assertThat(bodies("/drain/naver-traffic").get(1).get("type").asText()).isEqualTo("drain.released");
        assertThat(receiver.at("/drain/kakao-traffic")).isEmpty();
    }

    @Test
    void shouldEscalateAnUnacknowledgedCriticalPageAndNotAnAcknowledgedOne() throws Exception {
        // Given critical pages escalate after 2 s to a next-level key
        start(config().withEscalation(Duration.ofSeconds(2), new Secret("EXAMPLE-escalation-key", "inline")));

        // When two rooms go critical, and an operator acknowledges B2's page at once
        kafka.produce(Fixtures.alert(site, "alr_b2", "B2-battery", RiskLevel.CRITICAL, RiskLevel.WARNING));
        await().atMost(WAIT).until(() -> service.pending().unacknowledged().contains("alr_b2"));
        client.submit("ack", "alr_b2", "B2-battery", null);
        kafka.produce(Fixtures.alert(site, "alr_b3", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING));

        // Then B3's page escalates to the next level, B2's does not, and B2's teams see the acknowledgement
        await().atMost(WAIT).until(() -> pages("alr_b3_escalated").size() == 1);
        JsonNode escalation = pages("alr_b3_escalated").get(0);
        assertThat(escalation.get("routing_key").asText()).isEqualTo("EXAMPLE-escalation-key");
        assertThat(escalation.at("/payload/summary").asText()).startsWith("ESCALATED");
        await().atMost(WAIT).until(() -> pages("alr_b2").stream()
                .filter(p -> p.get("event_action").asText().equals("acknowledge")).count() == 2);
        assertThat(pages("alr_b2_escalated")).isEmpty();
    }

    @Test
    void shouldEscalateOnceWhenTheServiceRestartsBeforeAndAfterTheEscalationIsDue() throws Exception {
        // Given critical pages escalate after 3 s, and B3 goes critical
        AlertingConfig escalating = config().withEscalation(Duration.ofSeconds(3), new Secret("EXAMPLE-escalation-key", "inline"));
        start(escalating);
        kafka.produce(Fixtures.alert(site, "alr_rs", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING));
        await().atMost(WAIT).until(() -> service.pending().unacknowledged().contains("alr_rs"));

        // When the service restarts before the escalation is due (a new group: the alert is not read again)
        service.close();
        start(escalating);

        // Then the timer was rebuilt from Kafka and the page escalates, once
        assertThat(service.pending().unacknowledged()).contains("alr_rs");
        await().atMost(WAIT).until(() -> pages("alr_rs_escalated").size() == 1);
        // and a restart after the escalation does not send it again
        service.close();
        start(escalating);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> pages("alr_rs_escalated").size() == 1);
    }

    @Test
    void shouldReleaseToTheSameTargetsWhenTheAllClearPeriodPassesOrAnOperatorReleases() throws Exception {
        // Given an all-clear period of 2 s, and both rooms drained
        start(config().withAllClear(Duration.ofSeconds(2)));
        kafka.produce(Fixtures.drain(site, "drn_ac", "B3-battery", List.of("hall-1", "hall-2"), List.of("kakao", "naver")));
        kafka.produce(Fixtures.drain(site, "drn_op", "B2-battery", List.of("hall-3"), List.of("naver")));
        await().atMost(WAIT).until(() -> service.counters().delivered() == 3);

        // When B3's alert resolves and stays resolved, and an operator releases B2
        kafka.produce(Fixtures.alert(site, "alr_ac", "B3-battery", RiskLevel.NORMAL, RiskLevel.CRITICAL));
        client.submit("release", "drn_op", null, "fire brigade cleared B2");

        // Then drain.released goes to the targets of each drain, under new stable ids
        await().atMost(WAIT).until(() -> service.counters().delivered() == 6);
        assertThat(bodies("/drain/kakao-traffic")).extracting(b -> b.get("id").asText() + " " + b.get("type").asText())
                .containsExactly("drn_ac drain.requested", "rel_drn_ac drain.released");
        assertThat(bodies("/drain/naver-traffic")).extracting(b -> b.get("id").asText())
                .containsExactlyInAnyOrder("drn_ac", "drn_op", "rel_drn_ac", "rel_drn_op");
        assertThat(service.pending().drained()).isEmpty();
    }

    @Test
    void shouldAnswer400NamingTheFieldWhenTheActionIsInvalid() throws Exception {
        // Given
        start(config());

        // Then
        assertThatThrownBy(() -> client.submit("reboot", "drn_x", "B3-battery", null))
                .isInstanceOf(OperatorClient.OperatorException.class).hasMessageContaining("status 400").hasMessageContaining("action");
        assertThatThrownBy(() -> client.submit("approve", "drn_unknown", null, null))
                .hasMessageContaining("room: is required");
    }

    private AlertingConfig config() throws Exception {
        SiteInventory inventory = Fixtures.pangyoAs(site, receiver.base());
        return AlertingConfig.defaults(kafka.kafka, inventory).withRetries(Duration.ofSeconds(2), 4, Duration.ofMillis(100))
                .withOperatorApi("127.0.0.1", KafkaHarness.freePort()).withOperatorAccess(Operators.access());
    }

    private void start(AlertingConfig config) throws Exception {
        service = new AlertingService(config.withGroupId(kafka.freshGroup()));
        service.start();
        client = new OperatorClient(URI.create("http://127.0.0.1:" + service.operatorPort()), Operators.ALICE_TOKEN);
    }

    private List<JsonNode> bodies(String path) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (RecordingReceiver.Received r : receiver.at(path)) {
            bodies.add(PLAIN.readTree(r.body()));
        }
        return bodies;
    }

    private List<JsonNode> pages(String dedupKey) throws Exception {
        return bodies("/pager").stream().filter(p -> p.get("dedup_key").asText().equals(dedupKey)).toList();
    }
}
