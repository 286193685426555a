package io.firebreak.app.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.alerting.PagerEvent;
import io.firebreak.alerting.PagerRouter;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection's decisions through the real brokers do not depend on partition timing: the same recording,
 * published over MQTT as fast as possible into a fresh Kafka (KRaft, 6 partitions) and {@code firebreak
 * up}'s ingest and detection, gives the same decisions (ids, rooms, scopes, detected_at) every time, with
 * one detection instance or two sharing the partitions.
 */
class BrokerDeterminismIT {

    private static final long START = 1_665_814_685_000L;
    private static MosquittoServer mosquitto;
    private static SiteInventory site;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        mosquitto = MosquittoServer.start();
        try (InputStream in = BrokerDeterminismIT.class.getResourceAsStream("/inventory/pangyo.yaml")) {
            Files.write(dir.resolve("site.yaml"), in.readAllBytes());
        }
        site = new InventoryLoader().load(dir.resolve("site.yaml"));
    }

    @AfterAll
    static void stop() {
        mosquitto.close();
    }

    private static ReplayDriver.Outcome replay(String scenario, long seed, int detectInstances) throws Exception {
        ScenarioRun run = new ScenarioRun(site, Scenarios.byName(scenario).orElseThrow(), TopicLayout.defaults(), START, seed);
        // decisions only: what a room holds at the very end for partitions that stopped is left out
        return new BrokerReplay(mosquitto.serverUri(), dir.resolve("site.yaml"), dir, detectInstances, Duration.ofSeconds(8)).replay(run);
    }

    /** What a traffic system would see of each decision: id, room, scope and detected_at. */
    private static List<String> decisions(ReplayDriver.Outcome outcome) {
        List<String> out = new ArrayList<>();
        for (DrainDecision d : outcome.decisions()) {
            out.add(d.id() + " " + d.site() + "/" + d.room() + " " + d.scope() + " " + d.detectedAt());
        }
        return out;
    }

    /** The room's level changes and the drain's evidence, to say where two passes parted. */
    private static String story(ReplayDriver.Outcome outcome) {
        StringBuilder text = new StringBuilder();
        outcome.alerts().stream().filter(a -> !a.sensorFault()).forEach(a -> text.append("\n  alert ").append(a.room()).append(' ').append(a.level()).append(" at ")
                .append(a.detectedAt()).append(' ').append(a.evidence().stream().map(e -> e.signal() + "@" + e.where() + ":" + e.ts()).toList()));
        outcome.decisions().forEach(d -> text.append("\n  drain ").append(d.evidence().stream()
                .map(e -> e.signal() + "@" + e.where() + ":" + e.ts()).toList()));
        return text.toString();
    }

    @Test
    void shouldDecideTheSameFireIdenticallyOnEveryPassAndWithTwoDetectInstances() throws Exception {
        ReplayDriver.Outcome firstPass = replay("pangyo-2022", 1, 1);
        List<String> first = decisions(firstPass);
        assertThat(first).as("the Pangyo fire drains B3").singleElement().asString().contains("pangyo-a/B3-battery [hall-1, hall-2]");

        for (int[] pass : new int[][] {{2, 1}, {3, 1}, {4, 2}}) {
            ReplayDriver.Outcome again = replay("pangyo-2022", 1, pass[1]);
            assertThat(decisions(again)).as("pass %d with %d detect instance(s); first:%s%nthis:%s", pass[0], pass[1], story(firstPass),
                    story(again)).isEqualTo(first);
        }
    }

    @Test
    void shouldNeitherDrainNorPageATenantOnABenignRecordingOnAnyPass() throws Exception {
        PagerRouter pager = new PagerRouter(site, Clock.systemUTC());
        for (int pass = 1; pass <= 2; pass++) {
            ReplayDriver.Outcome outcome = replay("duplicates-out-of-order", 1, pass);

            assertThat(outcome.decisions()).as("pass %d: no drain", pass).isEmpty();
            assertThat(outcome.alerts().stream().flatMap(a -> pager.eventsFor(a).stream())
                    .filter(e -> PagerEvent.TRIGGER.equals(e.eventAction())).map(PagerEvent::recipient))
                    .as("pass %d: no tenant page", pass).noneMatch(r -> r.startsWith("tenant:"));
        }
    }
}
