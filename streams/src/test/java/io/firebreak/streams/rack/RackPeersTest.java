package io.firebreak.streams.rack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RackPeersTest {

    @Test
    void shouldGiveTheMedianOfTheRacksLatestPlausibleProbes() {
        RackPeers peers = new RackPeers();
        peers.update("r", "M01", List.of(20.0, 21.0), 0);
        peers.update("r", "M02", List.of(22.0, -39.0), 1_000);

        assertThat(peers.update("r", "M03", List.of(23.0, 24.0), 2_000)).as("-39 is no temperature").isEqualTo(22.0);
    }

    @Test
    void shouldRefitTheMedianOncePerSecondOfEventTime() {
        RackPeers peers = new RackPeers();
        peers.update("r", "M01", List.of(20.0), 0);
        double withinTheSecond = peers.update("r", "M02", List.of(30.0, 30.0), 500);
        double nextSecond = peers.update("r", "M03", List.of(30.0), 1_000);

        assertThat(withinTheSecond).isEqualTo(20.0);
        assertThat(nextSecond).isEqualTo(30.0);
    }

    @Test
    void shouldGiveANewTaskSeededFromTheModuleHistoriesTheSameMedianAsTheTaskThatSawTheSamples() {
        // the task that holds the rack: three modules, M02's second probe unreadable in its newest sample
        RackPeers owner = new RackPeers();
        Map<String, ModuleHistory> store = new HashMap<>();
        sample(owner, store, "M01", List.of(20.0, 21.0), 0);
        sample(owner, store, "M02", List.of(35.0, 36.0), 100);
        sample(owner, store, "M02", Arrays.asList(22.0, null), 1_100);
        sample(owner, store, "M03", List.of(23.0, 24.0), 1_200);

        // the rack moves to another instance: its first sample there
        RackPeers next = new RackPeers();
        assertThat(next.knows("r")).isFalse();
        next.seed("r", store);
        double onTheNewTask = next.update("r", "M01", List.of(20.5, 21.0), 2_000);
        double onTheOwner = owner.update("r", "M01", List.of(20.5, 21.0), 2_000);

        assertThat(next.knows("r")).isTrue();
        assertThat(onTheNewTask).as("not an empty rack, nor M02's old 36 C").isEqualTo(onTheOwner).isEqualTo(22.0);
    }

    private static void sample(RackPeers peers, Map<String, ModuleHistory> store, String module, List<Double> temps, long ts) {
        ModuleHistory history = store.getOrDefault(module, ModuleHistory.empty(temps.size()));
        store.put(module, history.append(ts, temps, ts - 60_000));
        peers.update("r", module, temps, ts);
    }
}
