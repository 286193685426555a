package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery that never gives up, against a real KRaft broker and real HTTP receivers: a target answering
 * 503 for longer than the retry budget still gets the drain, once, under one webhook-id; a dead target
 * delays no other; a restart mid-retry resumes with the same ids; only a person's takeover ends the retries.
 * The retry budget is 4 attempts with backoffs of 100 ms, so each test takes seconds.
 */
class NeverGiveUpIT {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int BUDGET = 4;
    private static final String KAKAO = "/drain/kakao-traffic";
    private static final String NAVER = "/drain/naver-traffic";

    private static KafkaHarness kafka;

    private RecordingReceiver receiver;
    private final List<AlertingService> services = new ArrayList<>();
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
        services.forEach(AlertingService::close);
        receiver.close();
    }

    @Test
    void shouldDeliverOnceUnderOneIdWhenTheTargetAnswers503ForLongerThanTheRetryBudget() throws Exception {
        // Given kakao-traffic answers 503 to 1.5 budgets of attempts, the last asking for 2 s of quiet
        List<RecordingReceiver.Answer> refusals = new ArrayList<>(Collections.nCopies(BUDGET * 3 / 2 - 1,
                RecordingReceiver.Answer.of(503)));
        refusals.add(new RecordingReceiver.Answer(503, Map.of("Retry-After", "2")));
        receiver.script(KAKAO, refusals.toArray(RecordingReceiver.Answer[]::new));
        AlertingService service = start(kafka.freshGroup());

        // When a drain for kakao only is decided
        DrainDecision drain = Fixtures.drain(site, "drn_503", "B3-battery", List.of("hall-1"), List.of("kakao"));
        kafka.produce(drain);

        // Then, the budget spent, the facility is paged, the decision is still being delivered, the room not drained
        await().atMost(WAIT).until(() -> receiver.at(KAKAO).size() == BUDGET * 3 / 2 && !pages("drn_503").isEmpty());
        assertThat(pages("drn_503").get(0).get("event_action").asText()).isEqualTo("trigger");
        assertThat(service.pending().drained()).isEmpty();
        assertThat(service.pending().undelivered()).extracting(DrainDecision::id).containsExactly("drn_503");

        // and once kakao answers 2xx it has the drain exactly once, every attempt under the same ids
        await().atMost(WAIT).until(() -> service.counters().delivered() == 1);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> receiver.at(KAKAO).size() == BUDGET * 3 / 2 + 1);
        assertThat(receiver.at(KAKAO)).extracting(r -> r.header("webhook-id")).containsOnly("msg_drn_503_kakao-traffic");
        assertThat(receiver.at(KAKAO)).extracting(r -> PLAIN.readTree(r.body()).get("id").asText()).containsOnly("drn_503");
        assertThat(service.pending().drained()).extracting(DrainDecision::id).containsExactly("drn_503");
        assertThat(service.pending().undelivered()).isEmpty();
        // and the page about it is resolved
        await().atMost(WAIT).until(() -> pages("drn_503").stream().anyMatch(p -> p.get("event_action").asText().equals("resolve")));
    }

    @Test
    void shouldDeliverToEveryOtherTargetAndRoomAtOnceWhenOneTargetIsDead() throws Exception {
        // Given kakao-traffic answers nothing but 503
        receiver.script(KAKAO, Collections.nCopies(1000, RecordingReceiver.Answer.of(503)).toArray(RecordingReceiver.Answer[]::new));
        AlertingService service = start(kafka.freshGroup());

        // When B3 is drained for kakao and naver, then B2 for naver
        kafka.produce(Fixtures.drain(site, "drn_both", "B3-battery", List.of("hall-2"), List.of("kakao", "naver")));
        kafka.produce(Fixtures.drain(site, "drn_b2", "B2-battery", List.of("hall-3"), List.of("naver")));

        // Then naver has both while kakao is still refusing its first budget, and B3 is drained (naver took it)
        await().atMost(WAIT).until(() -> receiver.at(NAVER).size() == 2);
        assertThat(receiver.at(NAVER)).extracting(r -> PLAIN.readTree(r.body()).get("id").asText())
                .containsExactlyInAnyOrder("drn_both", "drn_b2");
        long naverDone = receiver.at(NAVER).get(1).atNanos();
        assertThat(receiver.at(KAKAO).stream().filter(r -> r.atNanos() < naverDone).count()).isLessThan(BUDGET);
        await().atMost(WAIT).until(() -> service.pending().drained().size() == 2);
        assertThat(service.pending().undelivered()).isEmpty();
        // and kakao is still being tried
        int tried = receiver.at(KAKAO).size();
        await().atMost(WAIT).until(() -> receiver.at(KAKAO).size() > tried + BUDGET);
    }

    @Test
    void shouldResumeWithTheSameIdsAndSendNothingTwiceWhenRestartedMidRetry() throws Exception {
        // Given kakao-traffic down, naver-traffic up, and B3's drain delivered to naver but not kakao
        receiver.script(KAKAO, Collections.nCopies(1000, RecordingReceiver.Answer.of(503)).toArray(RecordingReceiver.Answer[]::new));
        String group = kafka.freshGroup();
        AlertingService first = start(group);
        kafka.produce(Fixtures.drain(site, "drn_rs", "B3-battery", List.of("hall-2"), List.of("kakao", "naver")));
        await().atMost(WAIT).until(() -> receiver.at(NAVER).size() == 1 && receiver.at(KAKAO).size() > BUDGET);

        // When the service stops mid-retry, kakao comes back, and a new service starts in the same group
        first.close();
        receiver.clearScript(KAKAO);
        int beforeRestart = receiver.at(KAKAO).size();
        AlertingService second = start(group);

        // Then kakao gets the drain under the same ids, and naver does not get it again
        await().atMost(WAIT).until(() -> second.counters().delivered() == 1);
        assertThat(receiver.at(KAKAO).size()).isEqualTo(beforeRestart + 1);
        assertThat(receiver.at(KAKAO)).extracting(r -> r.header("webhook-id")).containsOnly("msg_drn_rs_kakao-traffic");
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> receiver.at(NAVER).size() == 1);
        // and the restarted service knows the room is drained: naver had taken it before the restart
        assertThat(second.pending().drained()).extracting(DrainDecision::id).containsExactly("drn_rs");
    }

    @Test
    void shouldStopRetryingOnlyWhenAPersonTakesTheDrainOverEvenAcrossARestart() throws Exception {
        // Given kakao-traffic dead and B3's drain for kakao retried
        receiver.script(KAKAO, Collections.nCopies(1000, RecordingReceiver.Answer.of(503)).toArray(RecordingReceiver.Answer[]::new));
        String group = kafka.freshGroup();
        AlertingService service = start(group);
        kafka.produce(Fixtures.drain(site, "drn_to", "B3-battery", List.of("hall-1"), List.of("kakao")));
        await().atMost(WAIT).until(() -> receiver.at(KAKAO).size() > BUDGET && !pages("drn_to").isEmpty());

        // When a person takes it over (the traffic team drains by hand)
        new OperatorClient(URI.create("http://127.0.0.1:" + service.operatorPort()), Operators.ALICE_TOKEN)
                .submit("takeover", "drn_to", null, "draining by phone");

        // Then the attempts stop, the page is resolved, and the room is not booked as drained
        await().atMost(WAIT).until(() -> service.counters().takenOver() == 1);
        int attempts = receiver.at(KAKAO).size();
        await().atMost(WAIT).until(() -> pages("drn_to").stream().anyMatch(p -> p.get("event_action").asText().equals("resolve")));
        assertThat(service.pending().undelivered()).isEmpty();
        assertThat(service.pending().drained()).isEmpty();
        // and a restarted service does not start them again
        service.close();
        start(group);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> receiver.at(KAKAO).size() == attempts);
    }

    @Test
    void shouldWriteTheRoomAsUndeliveredToTheAuditWhenItsDrainAndThePageAboutItBothFail() throws Exception {
        // Given kakao-traffic dead and the pager refusing everything
        receiver.script(KAKAO, Collections.nCopies(1000, RecordingReceiver.Answer.of(503)).toArray(RecordingReceiver.Answer[]::new));
        receiver.script("/pager", Collections.nCopies(1000, RecordingReceiver.Answer.of(500)).toArray(RecordingReceiver.Answer[]::new));
        AlertingService service = start(kafka.freshGroup());

        // When B3's drain for kakao is decided
        kafka.produce(Fixtures.drain(site, "drn_un", "B3-battery", List.of("hall-1"), List.of("kakao")));

        // Then, both retry budgets spent, the audit says the room is undelivered (the dashboards show it)
        await().atMost(WAIT).until(() -> kafka.audit("drn_un").stream().anyMatch(a -> a.kind().equals("undelivered")));
        var undelivered = kafka.audit("drn_un").stream().filter(a -> a.kind().equals("undelivered")).findFirst().orElseThrow();
        assertThat(undelivered.room()).isEqualTo("B3-battery");
        assertThat(undelivered.target()).isEqualTo("kakao-traffic");
        assertThat(undelivered.error()).isEqualTo("webhook status 503; page status 500");
        assertThat(service.counters().undelivered()).isGreaterThanOrEqualTo(1);
        assertThat(service.pending().undelivered()).extracting(DrainDecision::id).containsExactly("drn_un");
    }

    @Test
    void shouldDeliverEveryDecisionOnceWhenOneOfTwoInstancesStopsAndItsPartitionsMove() throws Exception {
        // Given two instances in one group, kakao-traffic down, naver-traffic up, and drains for six rooms
        receiver.script(KAKAO, Collections.nCopies(1000, RecordingReceiver.Answer.of(503)).toArray(RecordingReceiver.Answer[]::new));
        String group = kafka.freshGroup();
        AlertingService first = start(group);
        AlertingService second = start(group);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = "drn_mv" + i;
            ids.add(id);
            kafka.produce(Fixtures.drain(site, id, "room-" + i, List.of("hall-2"), List.of("kakao", "naver")));
        }
        await().atMost(WAIT).until(() -> receiver.at(NAVER).size() == 6);
        await().atMost(WAIT).until(() -> first.inFlight() + second.inFlight() == 6);

        // When one instance stops, its partitions move to the other, and kakao comes back
        AlertingService stopped = first.inFlight() > 0 ? first : second;
        AlertingService survivor = stopped == first ? second : first;
        stopped.close();
        receiver.clearScript(KAKAO);

        // Then every decision reaches kakao once accepted, under its one webhook-id, and naver never twice
        await().atMost(WAIT).until(() -> survivor.inFlight() == 0 && acceptedAtKakao(ids) == 6);
        for (String id : ids) {
            assertThat(kafka.audit(id).stream().filter(a -> a.target().equals("kakao-traffic") && a.accepted()).count())
                    .as("accepted at kakao: " + id).isEqualTo(1);
        }
        assertThat(receiver.at(KAKAO)).allSatisfy(r -> assertThat(r.header("webhook-id"))
                .isEqualTo("msg_" + PLAIN.readTree(r.body()).get("id").asText() + "_kakao-traffic"));
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> receiver.at(NAVER).size() == 6);
    }

    private long acceptedAtKakao(List<String> ids) {
        return ids.stream().filter(id -> kafka.audit(id).stream()
                .anyMatch(a -> a.target().equals("kakao-traffic") && a.accepted())).count();
    }

    @Test
    void shouldKeepDecisionsOperatorActionsAndTheAuditWithoutLimitWhenTheTopicsAreCreated() throws Exception {
        // Given the topics alerting created on the broker; When their configuration is read
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.broker.bootstrapServers()))) {
            for (String topic : List.of("firebreak.decisions.v1", "firebreak.operator.v1", "firebreak.audit.v1")) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

                // Then they outlive any incident
                assertThat(config.get("retention.ms").value()).as(topic).isEqualTo("-1");
                assertThat(config.get("retention.bytes").value()).as(topic).isEqualTo("-1");
                assertThat(config.get("cleanup.policy").value()).as(topic).isEqualTo("delete");
            }
        }
    }

    @Test
    void shouldBeatThroughThePagerPathWithoutOpeningAnIncidentWhenAHeartbeatIsSet() throws Exception {
        // Given alerting with a heartbeat every 300 ms
        SiteInventory inventory = Fixtures.pangyoAs(site, receiver.base());
        AlertingService service = new AlertingService(AlertingConfig.defaults(kafka.kafka, inventory)
                .withRetries(Duration.ofSeconds(2), BUDGET, Duration.ofMillis(100)).withGroupId(kafka.freshGroup()))
                .withHeartbeat(Duration.ofMillis(300));
        services.add(service);

        // When it runs for a while
        service.start();

        // Then the pager gets repeated resolve events under the site's heartbeat key, each audited
        await().atMost(WAIT).until(() -> heartbeats().size() >= 3);
        assertThat(heartbeats()).allSatisfy(beat -> {
            assertThat(beat.get("event_action").asText()).isEqualTo("resolve");
            assertThat(beat.get("routing_key").asText()).isEqualTo(Fixtures.FACILITY_KEY);
            assertThat(beat.has("payload")).isFalse();
        });
        assertThat(service.heartbeatLastAccepted()).isPositive();
        await().atMost(WAIT).until(() -> kafka.audit("firebreak_heartbeat_" + site).stream()
                .anyMatch(a -> a.target().equals("heartbeat") && a.accepted()));
    }

    private List<JsonNode> heartbeats() throws Exception {
        List<JsonNode> beats = new ArrayList<>();
        for (RecordingReceiver.Received r : receiver.at("/pager")) {
            JsonNode page = PLAIN.readTree(r.body());
            if (page.get("dedup_key").asText().equals("firebreak_heartbeat_" + site)) {
                beats.add(page);
            }
        }
        return beats;
    }

    private AlertingService start(String group) throws Exception {
        return start(group, Fixtures.pangyoAs(site, receiver.base()));
    }

    private AlertingService start(String group, SiteInventory inventory) throws Exception {
        AlertingConfig config = AlertingConfig.defaults(kafka.kafka, inventory)
                .withRetries(Duration.ofSeconds(2), BUDGET, Duration.ofMillis(100))
                .withOperatorApi("127.0.0.1", KafkaHarness.freePort())
                .withOperatorAccess(Operators.access())
                .withGroupId(group);
        AlertingService service = new AlertingService(config);
        services.add(service);
        service.start();
        return service;
    }

    /** The pages about the delivery of {@code decisionId}, in the order the pager got them. */
    private List<JsonNode> pages(String decisionId) throws Exception {
        List<JsonNode> pages = new ArrayList<>();
        for (RecordingReceiver.Received r : receiver.at("/pager")) {
            JsonNode page = PLAIN.readTree(r.body());
            if (page.get("dedup_key").asText().startsWith("drain_failed_" + decisionId + "_")) {
                pages.add(page);
            }
        }
        return pages;
    }
}
