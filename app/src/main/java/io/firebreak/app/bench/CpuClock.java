package io.firebreak.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux's /proc, to say where a benchmark's cores went: a process's user + system time,
 * and the whole machine's busy and total time. Reads 0 where /proc is missing.
 */
final class CpuClock {

    /** Linux reports times in clock ticks of 1/100 s (USER_HZ) on every common architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuClock() {
    }

    /** CPU seconds (user + system) the process {@code pid} has used so far. */
    static double processSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The machine's busy and total CPU seconds so far, over all cores: {busy, total}. */
    static double[] machineSeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new double[] {(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }
}
