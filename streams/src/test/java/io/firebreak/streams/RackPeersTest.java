package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
