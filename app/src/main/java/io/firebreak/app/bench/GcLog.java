package io.firebreak.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of another JVM, read from its {@code -Xlog:gc} file: each pause's used heap before and after,
 * and the heap's size. The peak before a collection is the most the heap held; the level after a
 * collection is what was still live, so its trend over time shows whether state grows with time.
 */
record GcLog(List<Pause> pauses) {

    /** One collection: uptime in seconds, heap used before and after, heap size (MiB); full or not, asked for or not. */
    record Pause(double uptimeS, long beforeMiB, long afterMiB, long sizeMiB, boolean full, boolean requested) {
    }

    // [12.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 612M->240M(1024M) 5.123ms
    private static final Pattern PAUSE = Pattern.compile(
            "^\\[(\\d+(?:\\.\\d+)?)s].*GC\\(\\d+\\) (Pause .*?) (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    GcLog {
        pauses = List.copyOf(pauses);
    }

    static GcLog read(Path file) throws IOException {
        return parse(Files.exists(file) ? Files.readAllLines(file) : List.of());
    }

    static GcLog parse(List<String> lines) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses.add(new Pause(Double.parseDouble(m.group(1)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                        Long.parseLong(m.group(5)), m.group(2).startsWith("Pause Full"), requested(m.group(2))));
            }
        }
        return new GcLog(pauses);
    }

    /** Asked for by System.gc() or by jcmd's GC.run ("Diagnostic Command"), not needed by the heap. */
    private static boolean requested(String kind) {
        return kind.contains("System.gc()") || kind.contains("Diagnostic Command");
    }

    /** The most heap used at any collection (MiB). */
    long peakMiB() {
        return pauses.stream().mapToLong(Pause::beforeMiB).max().orElse(0);
    }

    /** The heap's largest size (MiB). */
    long sizeMiB() {
        return pauses.stream().mapToLong(Pause::sizeMiB).max().orElse(0);
    }

    /** Full collections the JVM needed (not counting those asked for): a heap under pressure has them. */
    long unrequestedFullCollections() {
        return pauses.stream().filter(p -> p.full() && !p.requested()).count();
    }

    /** Heap left after each full collection (MiB), in order: the live set at that moment. */
    List<Long> liveAfterFullMiB() {
        return pauses.stream().filter(Pause::full).map(Pause::afterMiB).toList();
    }
}
