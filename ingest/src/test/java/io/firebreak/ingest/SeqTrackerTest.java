package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {

    private final SeqTracker<String> tracker = new SeqTracker<>(100);

    @Test
    void shouldAcceptFirstAndConsecutiveSeqWhenNothingIsMissing() {
        assertThat(tracker.observe("d", 7, "m7")).isEqualTo(new SeqTracker.Verdict<String>(false, 0, null));
        assertThat(tracker.observe("d", 8, "m8")).isEqualTo(new SeqTracker.Verdict<String>(false, 0, null));
    }

    @Test
    void shouldFlagDuplicateAndReturnLatestAttachmentWhenSeqIsRepeatedOrOlder() {
        // Given
        tracker.observe("d", 10, "m10");
        tracker.observe("d", 11, "m11");

        // Then
        assertThat(tracker.observe("d", 11, "again")).isEqualTo(new SeqTracker.Verdict<>(true, 0, "m11"));
        assertThat(tracker.observe("d", 9, "late").duplicate()).isTrue();
    }

    @Test
    void shouldCountSkippedSeqWhenDeviceJumps() {
        // Given
        tracker.observe("d", 5, "m");

        // When
        SeqTracker.Verdict<String> verdict = tracker.observe("d", 9, "m");

        // Then
        assertThat(verdict.duplicate()).isFalse();
        assertThat(verdict.skipped()).isEqualTo(3);
    }

    @Test
    void shouldKeepDevicesApartWhenTheySendTheSameSeq() {
        tracker.observe("a", 3, "m");
        assertThat(tracker.observe("b", 3, "m").duplicate()).isFalse();
    }

    @Test
    void shouldTreatSeqZeroOrAFarDropAsSenderRestartWhenAfterHigherSeq() {
        // Given
        tracker.observe("d", 8812, "m");

        // Then
        assertThat(tracker.observe("d", 0, "m").duplicate()).isFalse();
        assertThat(tracker.observe("d", 1, "m").duplicate()).isFalse();
        tracker.observe("d", 5000, "m");
        assertThat(tracker.observe("d", 5000 - SeqTracker.RESTART_DISTANCE - 1, "m").duplicate()).isFalse();
    }

    @Test
    void shouldAcceptRedeliveryWhenDeviceWasForgotten() {
        // Given
        tracker.observe("d", 4, "m");

        // When
        tracker.forget("d");

        // Then
        assertThat(tracker.observe("d", 4, "m").duplicate()).isFalse();
    }

    @Test
    void shouldForgetLeastRecentlyHeardDeviceWhenCapacityIsExceeded() {
        // Given
        SeqTracker<String> small = new SeqTracker<>(2);
        small.observe("a", 1, "m");
        small.observe("b", 1, "m");
        small.observe("a", 2, "m");

        // When
        small.observe("c", 1, "m");

        // Then
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.observe("a", 2, "m").duplicate()).isTrue();
        assertThat(small.observe("b", 1, "m").duplicate()).isFalse();
    }

    @Test
    void shouldAcceptTheDevicesNextMessagesWhenOneSeqJumpedFarAhead() {
        // Given a device at seq 100 and one glitched (or forged) message at seq 900
        tracker.observe("d", 100, "m");
        tracker.observe("d", 900, "jump");

        // Then its true next messages are not taken for duplicates
        for (long seq = 101; seq <= 160; seq++) {
            assertThat(tracker.observe("d", seq, "m").duplicate()).as("seq " + seq).isFalse();
        }
        assertThat(tracker.observe("d", 900, "again").duplicate()).isTrue();
        assertThat(tracker.observe("d", 130, "again").duplicate()).isTrue();
    }

    @Test
    void shouldTreatTheNextMessageAsARestartWhenTheJumpWasBeyondTheWindow() {
        tracker.observe("d", 100, "m");
        tracker.observe("d", 100 + SeqTracker.WINDOW + 500, "jump");

        assertThat(tracker.observe("d", 101, "m").duplicate()).isFalse();
        assertThat(tracker.observe("d", 102, "m").duplicate()).isFalse();
        assertThat(tracker.observe("d", 101, "m").duplicate()).isTrue();
    }

    @Test
    void shouldTakeALateMessageOnceWhenItArrivesAfterALaterOne() {
        tracker.observe("d", 1, "m1");
        tracker.observe("d", 3, "m3");

        assertThat(tracker.observe("d", 2, "m2").duplicate()).isFalse();
        assertThat(tracker.observe("d", 2, "m2").duplicate()).isTrue();
    }

    @Test
    void shouldAcceptTheRedeliveryOfAnUnmarkedSeqWhileTheOthersStayDuplicates() {
        tracker.observe("d", 1, "m1");
        tracker.observe("d", 2, "m2");
        tracker.observe("d", 3, "m3");

        tracker.unmark("d", 2);

        assertThat(tracker.observe("d", 2, "m2").duplicate()).isFalse();
        assertThat(tracker.observe("d", 1, "m1").duplicate()).isTrue();
        assertThat(tracker.observe("d", 3, "m3").duplicate()).isTrue();
    }
}
