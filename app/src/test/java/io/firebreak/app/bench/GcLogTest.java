package io.firebreak.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    private static final List<String> LOG = List.of(
            "[0.012s][info][gc] Using G1",
            "[4.101s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->12M(256M) 6.021ms",
            "[40.550s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 300M->120M(512M) 9.310ms",
            "[40.551s][info][gc] GC(2) Concurrent Mark Cycle",
            "[41.002s][info][gc] GC(2) Pause Remark 140M->138M(512M) 1.502ms",
            "[90.700s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 700M->150M(1024M) 120.1ms",
            "[95.000s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 410M->160M(1024M) 7.0ms",
            "[99.000s][info][gc] GC(5) Pause Full (System.gc()) 420M->140M(1024M) 90.0ms",
            "[129.583s][info][gc] GC(6) Pause Full (Diagnostic Command) 235M->61M(210M) 73.737ms");

    @Test
    void shouldReadEveryPauseWithItsHeapBeforeAfterAndSize() {
        GcLog gc = GcLog.parse(LOG);

        assertThat(gc.pauses()).hasSize(7);
        assertThat(gc.pauses().get(1)).isEqualTo(new GcLog.Pause(40.550, 300, 120, 512, false, false));
        assertThat(gc.peakMiB()).isEqualTo(700);
        assertThat(gc.sizeMiB()).isEqualTo(1024);
    }

    @Test
    void shouldTellFullCollectionsTheHeapNeededFromThoseAskedFor() {
        GcLog gc = GcLog.parse(LOG);

        assertThat(gc.unrequestedFullCollections()).isEqualTo(1);
        assertThat(gc.liveAfterFullMiB()).containsExactly(150L, 140L, 61L);
    }

    @Test
    void shouldReadNothingFromALogWithoutPauses() {
        GcLog gc = GcLog.parse(List.of("[0.012s][info][gc] Using G1", "not a gc line 10M->5M(20M)"));

        assertThat(gc.pauses()).isEmpty();
        assertThat(gc.peakMiB()).isZero();
    }
}
