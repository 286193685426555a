package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the alerting process mid-incident, against a real KRaft broker and real receivers: the restarted
 * process delivers every decision exactly once to every target, each under its one id and webhook-id.
 */
class AlertingKillIT {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String KAKAO = "/drain/kakao-traffic";
    private static final String NAVER = "/drain/naver-traffic";

    private static KafkaHarness kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = new KafkaHarness();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldDeliverEveryDecisionExactlyOnceWhenTheProcessIsKilledMidRetryAndRestarted() throws Exception {
        // Given an alerting process, kakao-traffic down, naver-traffic up, and three rooms being drained
        String site = "site-" + UUID.randomUUID().toString().substring(0, 8);
        String group = kafka.freshGroup();
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            receiver.script(KAKAO, Collections.nCopies(10_000, RecordingReceiver.Answer.of(503)).toArray(RecordingReceiver.Answer[]::new));
            Process first = start(group, site, receiver, dir.resolve("first.log"));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add("drn_k" + i);
                kafka.produce(Fixtures.drain(site, "drn_k" + i, "room-" + i, List.of("hall-2"), List.of("kakao", "naver")));
            }
            await().atMost(WAIT).until(() -> receiver.at(NAVER).size() == 3 && receiver.at(KAKAO).size() > 3 * 4);

            // When the process is killed (no shutdown, no flush, no commit), kakao comes back, and a new process starts
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            receiver.clearScript(KAKAO);
            Process second = start(group, site, receiver, dir.resolve("second.log"));
            try {
                // Then kakao accepts each decision once, and naver never hears one twice
                await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> acceptedAt(id, "kakao-traffic") == 1));
                await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> receiver.at(NAVER).size() == 3);
                for (String id : ids) {
                    assertThat(acceptedAt(id, "kakao-traffic")).as("kakao took " + id).isEqualTo(1);
                    assertThat(acceptedAt(id, "naver-traffic")).as("naver took " + id).isEqualTo(1);
                }
                assertThat(receiver.at(KAKAO)).allSatisfy(r -> assertThat(r.header("webhook-id"))
                        .isEqualTo("msg_" + PLAIN.readTree(r.body()).get("id").asText() + "_kakao-traffic"));
                assertThat(receiver.at(NAVER)).extracting(r -> PLAIN.readTree(r.body()).get("id").asText())
                        .containsExactlyInAnyOrderElementsOf(ids);
            } finally {
                second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static long acceptedAt(String decisionId, String target) {
        return kafka.audit(decisionId).stream().filter(a -> a.target().equals(target) && a.accepted()).count();
    }

    private static Process start(String group, String site, RecordingReceiver receiver, Path log) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                AlertingProcessMain.class.getName(), kafka.broker.bootstrapServers(), group, site, receiver.base().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains("event=alerting_started"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("alerting process did not start; log:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return process;
    }
}
