package io.firebreak.app.ops;

import java.time.Duration;

/**
 * How a Firebreak process is watched from outside: its one management port ({@code GET /healthz},
 * {@code /readyz}, {@code /metrics}), how long a failing service may keep failing before the process
 * gives up and exits non-zero (so systemd, Kubernetes or compose restart it), and how often a heartbeat
 * goes through the pager path for a second line to miss.
 *
 * @param host        the address the management port binds to; loopback by default
 * @param port        the management port; 0 serves none
 * @param giveUpAfter how long a service may stay down, restarted with backoff, before the process exits 1
 * @param heartbeat   how often the heartbeat event goes to the pager; zero sends none
 */
public record ManagementSettings(String host, int port, Duration giveUpAfter, Duration heartbeat) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofMinutes(5);
    private static final Duration SHORTEST_GIVE_UP = Duration.ofSeconds(1);
    private static final Duration LONGEST_GIVE_UP = Duration.ofHours(24);

    public ManagementSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("management.host: is required");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("management.port: must be 0 (off) to 65535, was " + port);
        }
        if (giveUpAfter == null || giveUpAfter.compareTo(SHORTEST_GIVE_UP) < 0 || giveUpAfter.compareTo(LONGEST_GIVE_UP) > 0) {
            throw new IllegalArgumentException("management.give_up_after: must be between 1s and 24h, was " + giveUpAfter);
        }
        if (heartbeat == null || heartbeat.isNegative() || (!heartbeat.isZero() && heartbeat.compareTo(Duration.ofSeconds(1)) < 0)) {
            throw new IllegalArgumentException("management.heartbeat: must be 0 (off) or at least 1s, was " + heartbeat);
        }
    }

    /** No management port, five minutes to recover, no heartbeat. */
    public static ManagementSettings defaults() {
        return new ManagementSettings(DEFAULT_HOST, 0, DEFAULT_GIVE_UP_AFTER, Duration.ZERO);
    }

    public ManagementSettings withPort(int newPort) {
        return new ManagementSettings(host, newPort, giveUpAfter, heartbeat);
    }

    public ManagementSettings withGiveUpAfter(Duration after) {
        return new ManagementSettings(host, port, after, heartbeat);
    }
}
