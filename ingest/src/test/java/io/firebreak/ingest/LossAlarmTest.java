package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.RiskLevel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossAlarmTest {

    private static final String PANEL = "pangyo-a/B3-battery/fire/fp-b3";

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Hands clock = new Hands();
    private final List<Alert> published = new ArrayList<>();
    private final SeqTracker<String> tracker = new SeqTracker<>(100, new LossAlarm(clock, published::add, 100));

    private void send(String device, long... seqs) {
        for (long seq : seqs) {
            tracker.observe(device, seq, "m" + seq);
        }
    }

    @Test
    void shouldPageTheFacilityOnceWhenABurstOfAFirePanelsMessagesIsLost() {
        // Given a fire panel publishing 1..50
        for (long seq = 1; seq <= 50; seq++) {
            send(PANEL, seq);
        }

        // When the broker drops 5 of its messages, then more later in the same hour
        send(PANEL, 56, 57);
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        send(PANEL, 70);

        // Then one facility alert about that device says messages were lost and what to check
        assertThat(published).hasSize(1);
        Alert alert = published.get(0);
        assertThat(alert.site()).isEqualTo("pangyo-a");
        assertThat(alert.room()).isEqualTo("B3-battery");
        assertThat(alert.level()).isEqualTo(RiskLevel.WARNING);
        assertThat(alert.sensorFault()).as("a fault: facility only, no drain").isTrue();
        assertThat(alert.summary()).startsWith("messages lost between the device and Firebreak: " + PANEL + " skipped 5")
                .contains("max_queued_messages");
        assertThat(alert.evidence()).singleElement().satisfies(e -> {
            assertThat(e.family()).isEqualTo("telemetry");
            assertThat(e.where()).isEqualTo(PANEL);
            assertThat(e.value()).isEqualTo(5);
        });
    }

    @Test
    void shouldPageAgainInTheNextHourAndNotForASingleLostMessage() {
        // Given one lost message of a BMS: below the rate that pages
        send("pangyo-a/B3-battery/bms/3E-2/M03", 1, 2, 4, 5);
        assertThat(published).isEmpty();

        // When a panel loses messages now and again an hour later
        send(PANEL, 1, 10);
        clock.now = clock.now.plus(Duration.ofHours(1));
        send(PANEL, 20);

        // Then once per device and hour, each hour its own incident (the earlier one resolved as the next opens)
        assertThat(published).filteredOn(a -> !a.resolved()).extracting(Alert::id).hasSize(2).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("loss_pangyo-a_B3-battery_fire_fp-b3_"));
        assertThat(published).filteredOn(Alert::resolved).extracting(Alert::id).containsExactly(published.get(0).id());
    }

    @Test
    void shouldResolveTheIncidentOnceTheDeviceSendsAWholeWindowWithoutLoss() {
        // Given a panel that lost 5 messages and was paged
        send(PANEL, 1, 7);
        assertThat(published).singleElement().satisfies(a -> assertThat(a.resolved()).isFalse());

        // When it keeps sending without loss, first briefly, then for longer than the window
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        send(PANEL, 8);
        assertThat(published).hasSize(1);
        clock.now = clock.now.plus(LossAlarm.WINDOW);
        send(PANEL, 9);

        // Then the same incident resolves, once
        assertThat(published).hasSize(2);
        assertThat(published.get(1).resolved()).isTrue();
        assertThat(published.get(1).id()).isEqualTo(published.get(0).id());
        assertThat(published.get(1).sensorFault()).isTrue();
        send(PANEL, 10);
        assertThat(published).hasSize(2);
    }
}
