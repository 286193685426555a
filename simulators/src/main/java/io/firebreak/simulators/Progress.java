package io.firebreak.simulators;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress of a long run, as one line every few seconds of wall clock: simulated time so far,
 * messages, and the rates (messages per wall second, simulated seconds per wall second).
 * {@code simulated 0:42:10  messages 2,781,540  rate 66,212 msg/s  speed 60.2x}.
 */
public class Progress {

    /** Prints nothing. */
    public static final Progress NONE = new Progress(null, 0, Duration.ZERO, System::currentTimeMillis) {
        @Override
        public void batch(long eventTime, int messages) {
        }

        @Override
        public void done() {
        }
    };

    private final PrintStream out;
    private final long start;
    private final long everyMs;
    private final LongSupplier clock;
    private final long wallStart;
    private long lastPrint;
    private long messages;
    private long lastEventTime;

    /**
     * @param out   where lines go (for the CLI: {@code System.err}, so stdout stays clean)
     * @param start the event time the run starts at
     * @param every how often to print, in wall-clock time
     */
    public Progress(PrintStream out, long start, Duration every) {
        this(out, start, every, System::currentTimeMillis);
    }

    Progress(PrintStream out, long start, Duration every, LongSupplier clock) {
        this.out = out;
        this.start = start;
        this.everyMs = every.toMillis();
        this.clock = clock;
        this.wallStart = clock.getAsLong();
        this.lastPrint = wallStart;
        this.lastEventTime = start;
    }

    /** Counts a batch of {@code messages} at {@code eventTime}; prints a line when one is due. */
    public void batch(long eventTime, int messages) {
        this.messages += messages;
        this.lastEventTime = Math.max(lastEventTime, eventTime);
        long now = clock.getAsLong();
        if (now - lastPrint >= everyMs) {
            lastPrint = now;
            out.println(line(now));
        }
    }

    /** Prints the final line. */
    public void done() {
        out.println(line(clock.getAsLong()) + "  done");
    }

    /** Messages counted so far. */
    public long messages() {
        return messages;
    }

    String line(long now) {
        double wallS = Math.max(0.001, (now - wallStart) / 1000.0);
        long simS = (lastEventTime - start) / 1000;
        return String.format("simulated %d:%02d:%02d  messages %,d  rate %,.0f msg/s  speed %.1fx", simS / 3600,
                simS / 60 % 60, simS % 60, messages, messages / wallS, simS / wallS);
    }
}
