package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.PagerRouting;
import io.firebreak.telemetry.inventory.Secret;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery proofs of issue #5 against a real KRaft broker and real HTTP receivers: 410, a slow
 * receiver, a receiver down then back, a process stopped mid-delivery, dry run, and tenant routing. Each
 * ends with every decision delivered, every signature checked by {@link StandardWebhooksVerifier}, one
 * webhook-id per decision and target, and every attempt on the audit topic.
 */
class DeliveryProofIT {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> WHSEC = Map.of("kakao-traffic", Fixtures.KAKAO_WHSEC, "naver-traffic", Fixtures.NAVER_WHSEC);

    private static KafkaHarness kafka;

    private final List<AlertingService> services = new ArrayList<>();
    private RecordingReceiver receiver;

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
    }

    @AfterEach
    void stopAll() {
        services.forEach(AlertingService::close);
        receiver.close();
    }

    @Test
    void shouldPageTheFacilityAtOnceAndKeepTryingWhenTheTargetAnswers410() throws Exception {
        // Given kakao-traffic answers 410 Gone once (then, fixed by its people, 200)
        receiver.script("/drain/kakao-traffic", RecordingReceiver.Answer.of(410));
        start(defaults(Fixtures.pangyo().withEndpointsAt(receiver.base())), kafka.freshGroup());

        // When
        kafka.produce(Fixtures.drainB3("drn_410", List.of("kakao")));

        // Then the facility is paged after that one attempt, with the decision attached
        await().atMost(WAIT).until(() -> receiver.at("/pager").size() >= 1);
        JsonNode page = PLAIN.readTree(receiver.at("/pager").get(0).body());
        assertThat(page.get("routing_key").asText()).isEqualTo(Fixtures.FACILITY_KEY);
        assertThat(page.at("/payload/custom_details/decision/id").asText()).isEqualTo("drn_410");
        assertThat(page.at("/payload/custom_details/last_answer").asText()).isEqualTo("status 410");
        assertThat(page.at("/payload/custom_details/attempts").asInt()).isEqualTo(1);
        // and the attempts go on: delivered once the target answers 2xx, and the page resolved
        await().atMost(WAIT).until(() -> services.get(0).counters().delivered() == 1);
        await().atMost(WAIT).until(() -> receiver.at("/pager").size() == 2);
        JsonNode resolve = PLAIN.readTree(receiver.at("/pager").get(1).body());
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(page.get("dedup_key").asText());
        await().atMost(WAIT).until(() -> kafka.audit("drn_410").size() == 2);
        DeliveryAttempt attempt = kafka.audit("drn_410").get(0);
        assertThat(attempt.status()).isEqualTo(410);
        assertThat(attempt.attempt()).isEqualTo(1);
        assertThat(attempt.messageId()).isEqualTo("msg_drn_410_kakao-traffic");
        assertThat(attempt.target()).isEqualTo("kakao-traffic");
        assertThat(kafka.audit("drn_410").get(1).status()).isEqualTo(200);
    }

    @Test
    void shouldRetryWithTheSameIdsAndDeliverWhenTheReceiverIsSlowerThanTheTimeout() throws Exception {
        // Given kakao-traffic takes 3 s to answer the first request, while one attempt may take 1 s
        receiver.delay("/drain/kakao-traffic", Duration.ofSeconds(3));
        AlertingConfig config = defaults(Fixtures.pangyo().withEndpointsAt(receiver.base()))
                .withRetries(Duration.ofSeconds(1), 6, Duration.ofMillis(500));
        start(config, kafka.freshGroup());

        // When
        kafka.produce(Fixtures.drainB3("drn_slow", List.of("kakao")));

        // Then the timed-out attempt is retried with the same ids, and the decision is delivered
        await().atMost(WAIT).until(() -> services.get(0).counters().delivered() == 1);
        assertDeliveredOnceUnderOneId(List.of("drn_slow"), "kakao-traffic");
        await().atMost(WAIT).until(() -> kafka.audit("drn_slow").stream().anyMatch(DeliveryAttempt::accepted));
        List<DeliveryAttempt> audit = kafka.audit("drn_slow");
        assertThat(audit.get(0).error()).isEqualTo("HttpTimeoutException");
        assertThat(audit.get(0).latencyMs()).isGreaterThanOrEqualTo(900);
        assertThat(audit).extracting(DeliveryAttempt::messageId).containsOnly("msg_drn_slow_kakao-traffic");
        assertThat(receiver.at("/pager")).isEmpty();
    }

    @Test
    void shouldDeliverEveryDecisionOnceBackWhenTheReceiverIsDownForAMinute() throws Exception {
        // Given the traffic systems' receiver is down (its port closed); the pager is up
        int port = KafkaHarness.freePort();
        SiteInventory down = Fixtures.pangyo().withEndpointsAt(URI.create("http://127.0.0.1:" + port));
        SiteInventory inventory = new SiteInventory(down.site(), down.name(), down.rooms(), down.hallTenants(),
                down.drainTargets(), down.pager().withUrl(receiver.base().resolve("/pager")));
        // 12 attempts with backoff up to 10 s span about 75 s: enough to ride out a minute
        start(defaults(inventory).withRetries(Duration.ofSeconds(2), 12, Duration.ofSeconds(10)), kafka.freshGroup());

        // When three decisions for both tenants arrive while it is down, and it comes back a minute later
        List<String> ids = List.of("drn_down_1", "drn_down_2", "drn_down_3");
        for (String id : ids) {
            kafka.produce(Fixtures.drainB3(id, List.of("kakao", "naver")));
        }
        Thread.sleep(60_000);
        try (RecordingReceiver back = new RecordingReceiver(port)) {
            receiver.close();
            receiver = back;

            // Then every decision reaches both targets, once each under one id, and nobody is paged
            await().atMost(Duration.ofSeconds(30)).until(() -> services.get(0).counters().delivered() == 6);
            assertDeliveredOnceUnderOneId(ids, "kakao-traffic");
            assertDeliveredOnceUnderOneId(ids, "naver-traffic");
            assertThat(services.get(0).counters().failed()).isZero();
            List<DeliveryAttempt> audit = kafka.audit("drn_down_1");
            assertThat(audit).filteredOn(a -> "ConnectException".equals(a.error())).isNotEmpty();
            assertThat(audit).filteredOn(DeliveryAttempt::accepted).hasSize(2);
            receiver = new RecordingReceiver();
        }
    }

    @Test
    void shouldSendAgainWithTheSameIdsAndDeliverEveryDecisionWhenStoppedMidDelivery() throws Exception {
        // Given kakao-traffic asks for 30 s of quiet on its first request, with three decisions waiting
        receiver.script("/drain/kakao-traffic", new RecordingReceiver.Answer(503, Map.of("Retry-After", "30")));
        AlertingConfig config = defaults(Fixtures.pangyo().withEndpointsAt(receiver.base()));
        String group = kafka.freshGroup();
        start(config, group);
        List<String> ids = List.of("drn_kill_1", "drn_kill_2", "drn_kill_3");
        for (String id : ids) {
            kafka.produce(Fixtures.drainB3(id, List.of("kakao")));
        }
        await().atMost(WAIT).until(() -> receiver.at("/drain/kakao-traffic").size() == 1);

        // When alerting is stopped mid-delivery and a new instance starts in the same group
        services.get(0).close();
        start(config, group);

        // Then every decision is delivered, each under its one webhook-id, and nobody is paged
        await().atMost(WAIT).until(() -> services.get(1).counters().delivered() == 3);
        assertDeliveredOnceUnderOneId(ids, "kakao-traffic");
        assertThat(receiver.at("/pager")).isEmpty();
        await().atMost(WAIT).until(() -> kafka.audit("drn_kill_1").size() == 2);
        assertThat(kafka.audit("drn_kill_1")).extracting(DeliveryAttempt::status).containsExactly(503, 200);
    }

    @Test
    void shouldSignLogAndAuditButSendNothingWhenDryRun() throws Exception {
        // Given
        start(defaults(Fixtures.pangyo().withEndpointsAt(receiver.base())).withDryRun(true), kafka.freshGroup());

        // When
        kafka.produce(Fixtures.drainB3("drn_dry", List.of("kakao", "naver")));

        // Then both targets' webhooks are audited as dry runs, and no receiver saw anything
        await().atMost(WAIT).until(() -> kafka.audit("drn_dry").size() == 2);
        assertThat(kafka.audit("drn_dry")).extracting(DeliveryAttempt::error).containsOnly("dry_run");
        assertThat(kafka.audit("drn_dry")).extracting(DeliveryAttempt::target)
                .containsExactlyInAnyOrder("kakao-traffic", "naver-traffic");
        assertThat(receiver.at("/drain/kakao-traffic")).isEmpty();
        assertThat(receiver.at("/drain/naver-traffic")).isEmpty();
    }

    @Test
    void shouldPageBothTenantsFedByTheBurningRoomAndOnlyThem() throws Exception {
        // Given a third tenant, coupang, in hall-3, which B2 feeds and B3 does not
        SiteInventory base = Fixtures.pangyo().withEndpointsAt(receiver.base());
        Map<String, List<String>> halls = new HashMap<>(base.hallTenants());
        halls.put("hall-3", List.of("naver", "coupang"));
        Map<String, Secret> keys = new HashMap<>(base.pager().tenantRoutingKeys());
        keys.put("coupang", new Secret("EXAMPLE-coupang-routing-key", "inline"));
        SiteInventory inventory = new SiteInventory(base.site(), base.name(), base.rooms(), halls, base.drainTargets(),
                new PagerRouting(base.pager().url(), base.pager().facilityRoutingKey(), keys));
        start(defaults(inventory), kafka.freshGroup());

        // When B3-battery goes critical (fire), and B2-battery's gateway goes silent (a sensor fault)
        kafka.produce(Fixtures.alert("alr_fire", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING));
        kafka.produce(new Alert("alr_gw", "pangyo-a", "B2-battery", RiskLevel.WARNING,
                RiskLevel.NORMAL, "gateway gw-b2 offline",
                List.of(new Evidence("telemetry_lost", "telemetry", "gw-b2", 0, "", 1L, false)), 1L));

        // Then the fire pages the facility, kakao and naver, not coupang; the sensor fault pages the facility only
        await().atMost(WAIT).until(() -> receiver.at("/pager").size() == 4);
        assertThat(routingKeys("alr_fire"))
                .containsExactlyInAnyOrder(Fixtures.FACILITY_KEY, Fixtures.KAKAO_KEY, Fixtures.NAVER_KEY);
        assertThat(routingKeys("alr_gw")).containsExactly(Fixtures.FACILITY_KEY);
    }

    private AlertingConfig defaults(SiteInventory inventory) {
        return AlertingConfig.defaults(kafka.kafka, inventory).withRetries(Duration.ofSeconds(2), 4, Duration.ofMillis(100));
    }

    private void start(AlertingConfig config, String group) {
        AlertingService service = new AlertingService(config.withGroupId(group));
        services.add(service);
        service.start();
    }

    /** Each decision reached the target, accepted, under one webhook-id and one body id, validly signed each time. */
    private void assertDeliveredOnceUnderOneId(List<String> ids, String target) throws Exception {
        Map<String, Set<String>> webhookIds = new HashMap<>();
        for (RecordingReceiver.Received request : receiver.at("/drain/" + target)) {
            assertThat(StandardWebhooksVerifier.verify(WHSEC.get(target), request.header("webhook-id"),
                    request.header("webhook-timestamp"), request.body(), request.header("webhook-signature")))
                    .as("signature verifies").isTrue();
            String id = PLAIN.readTree(request.body()).get("id").asText();
            webhookIds.computeIfAbsent(id, k -> new HashSet<>()).add(request.header("webhook-id"));
        }
        for (String id : ids) {
            assertThat(webhookIds.get(id)).as("webhook-ids of " + id).containsExactly("msg_" + id + "_" + target);
        }
    }

    private List<String> routingKeys(String dedupKey) throws Exception {
        List<String> keys = new ArrayList<>();
        for (RecordingReceiver.Received page : receiver.at("/pager")) {
            JsonNode json = PLAIN.readTree(page.body());
            if (json.get("dedup_key").asText().equals(dedupKey)) {
                keys.add(json.get("routing_key").asText());
            }
        }
        return keys;
    }
}
