package io.firebreak.alerting;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-man's line's first half: a periodic event through the same path as pages (the pager URL, the
 * facility routing key, the same client, retries and audit), so a second line can page when it stops
 * arriving (deploy/prometheus rule {@code FirebreakHeartbeatMissing} on
 * {@code firebreak_heartbeat_last_accepted_timestamp_seconds}, or the Grafana rule on the audit's
 * {@code delivery} points of target {@code heartbeat}). It is an Events v2 {@code resolve} under the dedup key
 * {@code firebreak_heartbeat_<site>}: accepted like any event, it opens no incident and wakes nobody. One
 * beat is not retried past the retry budget: the next beat is the retry.
 */
final class Heartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    static final String RECIPIENT = "heartbeat";

    private final PagerClient pager;
    private final PagerEvent beat;
    private final String site;
    private final Clock clock;
    private final AtomicLong lastAccepted = new AtomicLong();

    Heartbeat(PagerClient pager, AlertingConfig config, Clock clock) {
        this.pager = pager;
        this.site = config.inventory().site();
        this.beat = new PagerEvent(RECIPIENT, config.inventory().pager().facilityRoutingKey(), PagerEvent.RESOLVE,
                dedupKey(site), null);
        this.clock = clock;
    }

    static String dedupKey(String site) {
        return "firebreak_heartbeat_" + site;
    }

    /** Sends one beat; called by the timer. */
    void beat() {
        PostOutcome outcome = pager.send(beat, site, "-");
        if (outcome.accepted() || outcome.status() == PostOutcome.Status.DRY_RUN) {
            lastAccepted.set(clock.millis());
        } else if (outcome.status() != PostOutcome.Status.STOPPED) {
            LOG.error("event=heartbeat_failed site={} outcome={} answer=\"{}\"", site, outcome.status(), outcome.lastAnswer());
        }
    }

    /** Wall clock of the last beat the pager accepted, epoch ms; 0 before the first. */
    long lastAccepted() {
        return lastAccepted.get();
    }
}
