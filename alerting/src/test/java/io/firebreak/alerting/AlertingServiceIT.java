package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.TopicDescriptor;
import io.firebreak.telemetry.kafka.Topics;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alerting service against a real KRaft broker and real HTTP receivers on 127.0.0.1. */
class AlertingServiceIT {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static KafkaKraftBroker broker;
    private static KafkaSettings kafka;

    private RecordingReceiver receiver;
    private AlertingService service;

    @BeforeAll
    static void startBroker() {
        broker = KafkaKraftBroker.start();
        kafka = KafkaSettings.local(broker.bootstrapServers());
        kafka.ensureTopics();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void startReceiver() {
        receiver = new RecordingReceiver();
    }

    @AfterEach
    void stopAll() {
        if (service != null) {
            service.close();
            assertThat(service.running()).isFalse();
        }
        receiver.close();
    }

    @Test
    void shouldDeliverSignedDrainToEveryTargetWhenADecisionIsProduced() throws Exception {
        // Given the service running against receivers for kakao-traffic and naver-traffic
        start(Fixtures.pangyo().withEndpointsAt(receiver.base()));

        // When a drain decision for B3-battery (kakao and naver) reaches firebreak.decisions.v1
        produce(Topics.DECISIONS, Fixtures.drainB3("drn_a", List.of("kakao", "naver")));

        // Then each target gets it once, signed with its own secret
        await().atMost(WAIT).until(() -> receiver.at("/drain/kakao-traffic").size() == 1
                && receiver.at("/drain/naver-traffic").size() == 1);
        assertSignedAndAbout(receiver.at("/drain/kakao-traffic").get(0), Fixtures.KAKAO_WHSEC, "drn_a");
        assertSignedAndAbout(receiver.at("/drain/naver-traffic").get(0), Fixtures.NAVER_WHSEC, "drn_a");
        await().atMost(WAIT).until(() -> service.counters().delivered() == 2);
        assertThat(receiver.at("/pager")).isEmpty();
    }

    @Test
    void shouldResendTheSameIdsUntilAcceptedWhenTheReceiverFailsTwice() throws Exception {
        // Given kakao-traffic answers 500 twice, then 200
        receiver.script("/drain/kakao-traffic", RecordingReceiver.Answer.of(500), RecordingReceiver.Answer.of(500));
        start(Fixtures.pangyo().withEndpointsAt(receiver.base()));

        // When a decision for kakao alone is produced
        produce(Topics.DECISIONS, Fixtures.drainB3("drn_b", List.of("kakao")));

        // Then three attempts carry one webhook-id and one body id, each validly signed, and it ends delivered
        await().atMost(WAIT).until(() -> service.counters().delivered() == 1);
        List<RecordingReceiver.Received> attempts = receiver.at("/drain/kakao-traffic");
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly("msg_drn_b_kakao-traffic");
        for (RecordingReceiver.Received attempt : attempts) {
            assertSignedAndAbout(attempt, Fixtures.KAKAO_WHSEC, "drn_b");
        }
        assertThat(service.counters().failed()).isZero();
        assertThat(receiver.at("/pager")).isEmpty();
    }

    @Test
    void shouldWaitAsToldWhenTheReceiverAnswers429WithRetryAfter() throws Exception {
        // Given kakao-traffic throttles once with Retry-After: 1, while the own backoff is only 100 ms
        receiver.script("/drain/kakao-traffic", new RecordingReceiver.Answer(429, Map.of("Retry-After", "1")));
        start(Fixtures.pangyo().withEndpointsAt(receiver.base()));

        // When
        produce(Topics.DECISIONS, Fixtures.drainB3("drn_c", List.of("kakao")));

        // Then the second attempt comes at least about a second after the first
        await().atMost(WAIT).until(() -> service.counters().delivered() == 1);
        List<RecordingReceiver.Received> attempts = receiver.at("/drain/kakao-traffic");
        assertThat(attempts).hasSize(2);
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(attempts.get(1).atNanos() - attempts.get(0).atNanos());
        assertThat(gapMillis).isGreaterThanOrEqualTo(950);
    }

    @Test
    void shouldPageTheFacilityWithTheDecisionAndKeepTryingWhenTheTargetIsDown() throws Exception {
        // Given kakao-traffic refuses connections, while the pager is up
        SiteInventory down = Fixtures.pangyo().withEndpointsAt(URI.create("http://127.0.0.1:" + closedPort()));
        SiteInventory inventory = new SiteInventory(down.site(), down.name(), down.rooms(), down.hallTenants(),
                down.drainTargets(), down.pager().withUrl(receiver.base().resolve("/pager")));
        start(inventory);

        // When a decision for kakao is produced
        produce(Topics.DECISIONS, Fixtures.drainB3("drn_d", List.of("kakao")));

        // Then, once the retry budget is spent, the facility team is paged with the decision attached
        await().atMost(WAIT).until(() -> receiver.at("/pager").size() >= 1);
        JsonNode page = PLAIN.readTree(receiver.at("/pager").get(0).body());
        assertThat(page.get("routing_key").asText()).isEqualTo(Fixtures.FACILITY_KEY);
        assertThat(page.get("event_action").asText()).isEqualTo("trigger");
        assertThat(page.get("dedup_key").asText()).isEqualTo("drain_failed_drn_d_kakao-traffic");
        assertThat(page.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(page.at("/payload/summary").asText()).contains("drn_d").contains("takeover");
        assertThat(page.at("/payload/custom_details/decision/id").asText()).isEqualTo("drn_d");
        await().atMost(WAIT).until(() -> service.counters().paged() >= 1);
        assertThat(service.counters().failed()).isGreaterThanOrEqualTo(1);
        // and the decision is not dropped: still being delivered, the room not booked as drained
        assertThat(service.pending().undelivered()).extracting(DrainDecision::id).contains("drn_d");
        assertThat(service.pending().drained()).extracting(DrainDecision::id).doesNotContain("drn_d");
    }

    @Test
    void shouldPageEveryAffectedTeamAndResolveWithTheSameKeyWhenAlertsRiseAndClear() throws Exception {
        // Given
        start(Fixtures.pangyo().withEndpointsAt(receiver.base()));

        // When B3-battery goes critical, then back to normal, and B2-battery goes to warning
        produce(Topics.ALERTS, Fixtures.alert("alr_b3", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING));
        await().atMost(WAIT).until(() -> receiver.at("/pager").size() == 3);
        produce(Topics.ALERTS, Fixtures.alert("alr_b3", "B3-battery", RiskLevel.NORMAL, RiskLevel.CRITICAL));
        produce(Topics.ALERTS, Fixtures.alert("alr_b2", "B2-battery", RiskLevel.WARNING, RiskLevel.WATCH));

        // Then B3 triggered and resolved facility, kakao and naver under one dedup key; B2 paged facility and naver
        await().atMost(WAIT).until(() -> receiver.at("/pager").size() == 8);
        Map<String, List<String>> b3 = keysByAction("alr_b3");
        assertThat(b3.get("trigger")).containsExactlyInAnyOrder(Fixtures.FACILITY_KEY, Fixtures.KAKAO_KEY, Fixtures.NAVER_KEY);
        assertThat(b3.get("resolve")).containsExactlyInAnyOrder(Fixtures.FACILITY_KEY, Fixtures.KAKAO_KEY, Fixtures.NAVER_KEY);
        Map<String, List<String>> b2 = keysByAction("alr_b2");
        assertThat(b2.get("trigger")).containsExactlyInAnyOrder(Fixtures.FACILITY_KEY, Fixtures.NAVER_KEY);
        assertThat(b2).doesNotContainKey("resolve");
    }

    @Test
    void shouldResendTheSameIdsAfterARestartWhenStoppedMidDelivery() throws Exception {
        // Given kakao-traffic asks for 30 s of quiet on the first attempt
        receiver.script("/drain/kakao-traffic", new RecordingReceiver.Answer(503, Map.of("Retry-After", "30")));
        SiteInventory inventory = Fixtures.pangyo().withEndpointsAt(receiver.base());
        String groupId = start(inventory);
        produce(Topics.DECISIONS, Fixtures.drainB3("drn_f", List.of("kakao")));
        await().atMost(WAIT).until(() -> receiver.at("/drain/kakao-traffic").size() == 1);

        // When the service stops while waiting to retry, and a new one starts in the same group
        long closing = System.nanoTime();
        service.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
        start(inventory, groupId);

        // Then the decision is sent again with the same ids and accepted, and nobody is paged
        await().atMost(WAIT).until(() -> service.counters().delivered() == 1);
        List<RecordingReceiver.Received> attempts = receiver.at("/drain/kakao-traffic");
        assertThat(attempts).hasSize(2);
        assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly("msg_drn_f_kakao-traffic");
        for (RecordingReceiver.Received attempt : attempts) {
            assertSignedAndAbout(attempt, Fixtures.KAKAO_WHSEC, "drn_f");
        }
        assertThat(receiver.at("/pager")).isEmpty();
    }

    private String start(SiteInventory inventory) throws Exception {
        String groupId = "it-" + UUID.randomUUID();
        groupAtEndOfTopics(groupId);
        start(inventory, groupId);
        return groupId;
    }

    private void start(SiteInventory inventory, String groupId) {
        AlertingConfig config = AlertingConfig.defaults(kafka, inventory)
                .withGroupId(groupId)
                .withRetries(Duration.ofSeconds(2), 4, Duration.ofMillis(100));
        service = new AlertingService(config);
        service.start();
    }

    /** Earlier tests' records stay on the shared topics: a fresh group starts after them. */
    private static void groupAtEndOfTopics(String groupId) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(Topics.DECISIONS.name(), Topics.ALERTS.name())) {
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            ends.forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get();
        }
    }

    private static <V> void produce(TopicDescriptor<String, V> topic, V value) throws Exception {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        String key = value instanceof DrainDecision d ? d.site() + "/" + d.room() : ((Alert) value).site() + "/" + ((Alert) value).room();
        try (KafkaProducer<String, V> producer =
                     new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assertSignedAndAbout(RecordingReceiver.Received request, String whsec, String decisionId) throws Exception {
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(Long.parseLong(request.header("webhook-timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(300L));
        assertThat(StandardWebhooksVerifier.verify(whsec, request.header("webhook-id"), request.header("webhook-timestamp"),
                request.body(), request.header("webhook-signature"))).as("signature verifies").isTrue();
        JsonNode body = PLAIN.readTree(request.body());
        assertThat(body.get("id").asText()).isEqualTo(decisionId);
        assertThat(body.get("type").asText()).isEqualTo("drain.requested");
        assertThat(body.get("severity").asText()).isEqualTo("critical");
    }

    private Map<String, List<String>> keysByAction(String dedupKey) throws Exception {
        Map<String, List<String>> byAction = new HashMap<>();
        for (RecordingReceiver.Received page : receiver.at("/pager")) {
            JsonNode json = PLAIN.readTree(page.body());
            if (json.get("dedup_key").asText().equals(dedupKey)) {
                byAction.computeIfAbsent(json.get("event_action").asText(), a -> new java.util.ArrayList<>())
                        .add(json.get("routing_key").asText());
            }
        }
        return byAction.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
