package io.firebreak.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuClockTest {

    @Test
    void shouldCountTheCpuTimeAProcessSpends() {
        assumeThat(Files.exists(Path.of("/proc/self/stat"))).as("Linux /proc").isTrue();
        long pid = ProcessHandle.current().pid();
        double before = CpuClock.processSeconds(pid);

        long sum = 0;
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            sum += Long.hashCode(sum * 31 + System.nanoTime());
        }

        assertThat(CpuClock.processSeconds(pid)).as("spun %d", sum).isGreaterThan(before);
    }

    @Test
    void shouldReadTheMachinesBusyTimeAsAPartOfItsTotal() {
        assumeThat(Files.exists(Path.of("/proc/stat"))).as("Linux /proc").isTrue();

        double[] machine = CpuClock.machineSeconds();

        assertThat(machine[0]).isPositive().isLessThan(machine[1]);
    }

    @Test
    void shouldReadNothingForAProcessThatDoesNotExist() {
        assertThat(CpuClock.processSeconds(Long.MAX_VALUE)).isZero();
    }
}
