package io.firebreak.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gateway death, backlog flush, duplicates and reordering. */
class GatewayLinkTest {

    private static final long START = 1_000_000_000_000L;
    private static final SiteInventory SMALL = SiteFactory.generated(300);
    private static final ContractParser PARSER = new ContractParser(TopicLayout.defaults());

    @Test
    void shouldFlushTheBufferedHourWithOriginalTimesAfterReconnecting() {
        // Given a gateway that loses the broker at +5 min and reconnects at +65 min
        ScenarioRun run = new ScenarioRun(SMALL, Scenarios.byName("backlog-flush").orElseThrow(), TopicLayout.defaults(), START, 1);
        List<Long> delays = new ArrayList<>();
        List<Boolean> status = new ArrayList<>();
        Map<String, Long> lastSeq = new HashMap<>();
        long at = START;
        // When it plays
        for (List<SimMessage> batch : run) {
            for (SimMessage m : batch) {
                Reading r = PARSER.parse(m.topic(), m.payload(), m.ts()).reading().orElseThrow();
                if (r.measurement() instanceof GatewayStatus g) {
                    status.add(g.online());
                    continue;
                }
                delays.add(at - r.ts());
                Long previous = lastSeq.put(r.source().deviceId(), r.seq());
                assertThat(r.seq()).isEqualTo(previous == null ? 0 : previous + 1);
            }
            at += 1000;
        }
        // Then the Last Will and the reconnection are announced, and an hour-old backlog arrives in order with no gap
        assertThat(status).containsExactly(true, false, true);
        assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(59 * 60_000L);
        assertThat(run.groundTruth().drainExpected()).isFalse();
    }

    @Test
    void shouldLoseReadingsWhileTheGatewayIsDead() {
        ScenarioRun run = new ScenarioRun(SMALL, Scenarios.byName("gateway-death").orElseThrow(), TopicLayout.defaults(), START, 1);

        List<SimMessage> messages = run.messages();

        assertThat(messages).filteredOn(m -> m.ts() > START + 5 * 60_000L + 1000 && m.ts() < START + 15 * 60_000L).isEmpty();
        assertThat(messages).filteredOn(m -> m.ts() > START + 15 * 60_000L).isNotEmpty();
    }

    @Test
    void shouldRepeatAndReorderSomeMessagesWhenAsked() {
        ScenarioRun run = new ScenarioRun(SMALL, Scenarios.byName("duplicates-out-of-order").orElseThrow(), TopicLayout.defaults(), START, 1);
        Map<String, Long> last = new HashMap<>();
        int duplicates = 0;
        int reordered = 0;
        for (SimMessage m : run.messages()) {
            Reading r = PARSER.parse(m.topic(), m.payload(), m.ts()).reading().orElseThrow();
            if (r.seq() == null) {
                continue;
            }
            Long previous = last.get(r.source().deviceId());
            if (previous != null && r.seq() == previous.longValue()) {
                duplicates++;
            } else if (previous != null && r.seq() < previous) {
                reordered++;
            }
            last.merge(r.source().deviceId(), r.seq(), Math::max);
        }

        assertThat(duplicates).isPositive();
        assertThat(reordered).isPositive();
    }
}
