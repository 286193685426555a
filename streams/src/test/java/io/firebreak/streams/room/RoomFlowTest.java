package io.firebreak.streams.room;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.SITE;
import static io.firebreak.streams.topology.Readings.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.streams.Thresholds;
import io.firebreak.streams.topology.DetectionHarness;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The room's ordering and decision without Kafka: the same events in any partition interleaving decide the same. */
class RoomFlowTest {

    private static final String KEY = SITE + "/" + B3;
    private static final long WALL = 1_000_000L;

    private final RoomFlow flow = new RoomFlow(new RoomMachine(DetectionHarness.SITE, Thresholds.defaults()), TimeMode.REPLAY,
            room -> Set.of("readings-0", "readings-1", "readings-2"));

    private static Signal hazard(String name, String family, String where, long ts, RiskLevel level, String source) {
        Evidence e = new Evidence(name, family, where, 1, "", ts, level == RiskLevel.CRITICAL);
        return new Signal(SITE, B3, e, level, false).from(source, ts);
    }

    /** One partition's events for the room: a heartbeat every 5 s and progress every second, plus its signals, in order. */
    private static Deque<Signal> partition(String source, long from, long to, List<Signal> signals) {
        return partition(source, from, to, signals, false);
    }

    /**
     * As {@link #partition(String, long, long, List)}; {@code signalsLast}: each second's signals come after the
     * partition has already said it reached that second (another module's sample of the same second came first).
     */
    private static Deque<Signal> partition(String source, long from, long to, List<Signal> signals, boolean signalsLast) {
        List<Signal> events = new ArrayList<>(signalsLast ? List.of() : signals);
        for (long t = from; t <= to; t += 1_000) {
            if ((t - from) % 5_000 == 0) {
                events.add(Signal.heartbeat(SITE, B3, source, t).from(source, t));
            }
            events.add(Signal.progress(SITE, B3, source, t));
        }
        if (signalsLast) {
            events.addAll(signals);
        }
        events.sort((a, b) -> Long.compare(a.evidence().ts(), b.evidence().ts()));
        return new ArrayDeque<>(events);
    }

    /** The three partitions feeding B3, as the case: a voltage warning on one, off-gas two minutes later on another. */
    private static List<Deque<Signal>> partitions() {
        long end = T0 + 20 * 60_000L;
        return List.of(
                partition("readings-0", T0, end, List.of(hazard("cell_voltage_sag", "voltage", "3E-1/M04/c8", T0 + 10_000, RiskLevel.WARNING, "readings-0"))),
                partition("readings-1", T0, end, List.of()),
                partition("readings-2", T0, end, List.of(hazard("voc", "offgas", "gas-b3-1", T0 + 130_000, RiskLevel.WARNING, "readings-2"))));
    }

    /** Two partitions each with a warning of the same second, each after the partition has said it reached that second. */
    private static List<Deque<Signal>> sameSecond() {
        long end = T0 + 20 * 60_000L;
        long at = T0 + 10_000;
        return List.of(
                partition("readings-0", T0, end, List.of(hazard("cell_voltage_sag", "voltage", "3E-1/M04/c8", at, RiskLevel.WARNING, "readings-0")), true),
                partition("readings-1", T0, end, List.of()),
                partition("readings-2", T0, end, List.of(hazard("voc", "offgas", "gas-b3-1", at, RiskLevel.WARNING, "readings-2")), true));
    }

    /** Feeds the partitions in a random interleaving that keeps each partition's own order; what came out, as text. */
    private List<String> run(long seed, List<DrainDecision> decisions, List<Alert> alerts) {
        return run(seed, partitions(), decisions, alerts);
    }

    private List<String> run(long seed, List<Deque<Signal>> queues, List<DrainDecision> decisions, List<Alert> alerts) {
        Random random = new Random(seed);
        RoomState state = RoomState.normal();
        List<String> out = new ArrayList<>();
        while (queues.stream().anyMatch(q -> !q.isEmpty())) {
            List<Deque<Signal>> open = queues.stream().filter(q -> !q.isEmpty()).toList();
            Deque<Signal> pick = open.get(random.nextInt(open.size()));
            // a lagging partition: sometimes one delivers a long run before the others get a turn
            int burst = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 3);
            for (int i = 0; i < burst && !pick.isEmpty(); i++) {
                RoomMachine.Step step = flow.offer(KEY, state, pick.poll(), WALL);
                state = step.state();
                for (Verdict v : step.verdicts()) {
                    if (v.alert() != null) {
                        alerts.add(v.alert());
                        out.add("alert " + v.alert().id() + " " + v.alert().level() + " at " + v.alert().detectedAt());
                    } else {
                        decisions.add(v.decision());
                        out.add("drain " + v.decision().id() + " " + v.decision().scope() + " at " + v.decision().detectedAt()
                                + " " + v.decision().evidence().stream().map(Evidence::signal).collect(Collectors.joining(",")));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void shouldDecideTheSameWhicheverPartitionIsReadFirst() {
        List<String> first = run(1, new ArrayList<>(), new ArrayList<>());

        for (long seed = 2; seed <= 40; seed++) {
            assertThat(run(seed, new ArrayList<>(), new ArrayList<>())).as("interleaving %d", seed).isEqualTo(first);
        }
        assertThat(first).anyMatch(line -> line.startsWith("drain "));
    }

    @Test
    void shouldNeverStampADecisionBeforeTheEvidenceItCites() {
        for (long seed = 1; seed <= 20; seed++) {
            List<DrainDecision> decisions = new ArrayList<>();
            run(seed, decisions, new ArrayList<>());

            assertThat(decisions).hasSize(1);
            DrainDecision drain = decisions.get(0);
            assertThat(drain.detectedAt()).as("decided when the off-gas joined the voltage sag").isEqualTo(T0 + 130_000);
            assertThat(drain.evidence()).allSatisfy(e -> assertThat(e.ts()).isLessThanOrEqualTo(drain.detectedAt()));
        }
    }

    @Test
    void shouldRaiseWarningThenCriticalInEventTimeOrderEvenWhenTheLaterSignalArrivesFirst() {
        List<Alert> alerts = new ArrayList<>();
        run(7, new ArrayList<>(), alerts);

        assertThat(alerts).extracting(Alert::level).startsWith(RiskLevel.WARNING, RiskLevel.CRITICAL);
        assertThat(alerts.get(0).detectedAt()).isEqualTo(T0 + 10_000);
        assertThat(alerts.get(0).id()).as("one incident, one id").isEqualTo(alerts.get(1).id());
    }

    @Test
    void shouldActOnEventsOfTheSameSecondInOneOrderWhateverTheInterleaving() {
        List<Alert> firstAlerts = new ArrayList<>();
        List<String> first = run(1, sameSecond(), new ArrayList<>(), firstAlerts);

        for (long seed = 2; seed <= 40; seed++) {
            List<Alert> alerts = new ArrayList<>();
            assertThat(run(seed, sameSecond(), new ArrayList<>(), alerts)).as("interleaving %d", seed).isEqualTo(first);
            assertThat(alerts.stream().map(a -> a.evidence().stream().map(Evidence::signal).toList()).toList()).as("interleaving %d", seed)
                    .isEqualTo(firstAlerts.stream().map(a -> a.evidence().stream().map(Evidence::signal).toList()).toList());
        }
        assertThat(firstAlerts).isNotEmpty();
    }
}
