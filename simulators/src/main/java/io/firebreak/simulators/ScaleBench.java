package io.firebreak.simulators;

import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.List;

/**
 * How fast the simulator makes telemetry, without publishing: a generated site of N cells, healthy, for
 * S simulated seconds. Prints messages per wall second and simulated seconds per wall second; a ratio
 * of at least 1 means the simulator sustains one sample per module per second for that site.
 * {@code java -cp ... io.firebreak.simulators.ScaleBench [cells=100000] [seconds=60]}.
 */
public final class ScaleBench {

    /** The outcome of one bench run. */
    public record Result(int cells, int modules, long simulatedSeconds, long messages, long bytes, double wallSeconds) {

        public double messagesPerSecond() {
            return messages / wallSeconds;
        }

        public double speed() {
            return simulatedSeconds / wallSeconds;
        }

        @Override
        public String toString() {
            return String.format("cells=%,d modules=%,d simulated_s=%d messages=%,d (%,.0f per simulated second) bytes=%,d wall_s=%.2f"
                            + " rate=%,.0f msg/s speed=%.2fx real time", cells, modules, simulatedSeconds, messages,
                    (double) messages / simulatedSeconds, bytes, wallSeconds, messagesPerSecond(), speed());
        }
    }

    private ScaleBench() {
    }

    /** Generates {@code seconds} simulated seconds of a healthy site of about {@code cells} cells. */
    public static Result run(int cells, int seconds) {
        SiteInventory site = SiteFactory.generated(cells);
        int modules = site.rooms().stream().flatMap(r -> r.racks().stream()).mapToInt(r -> r.modules()).sum();
        Scenario healthy = new Healthy();
        ScenarioRun warmup = new ScenarioRun(site, healthy, TopicLayout.defaults(), 0, 1, Variation.nominal());
        int warm = 0;
        for (List<SimMessage> batch : warmup) {
            if (++warm > 5) {
                break;
            }
        }
        ScenarioRun run = new ScenarioRun(site, healthy, TopicLayout.defaults(), 0, 2, Variation.nominal());
        long messages = 0;
        long bytes = 0;
        long done = 0;
        long t0 = System.nanoTime();
        for (List<SimMessage> batch : run) {
            messages += batch.size();
            for (SimMessage message : batch) {
                bytes += message.payloadText().length();
            }
            if (++done >= seconds) {
                break;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Result(site.cells(), modules, done, messages, bytes, wall);
    }

    public static void main(String[] args) {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        System.out.println(run(cells, seconds));
    }
}
