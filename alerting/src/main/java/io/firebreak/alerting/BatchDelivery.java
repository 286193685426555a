package io.firebreak.alerting;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one polled batch of decisions and alerts: alerts start or stop the {@link Ledger}'s timers and
 * are paged; decisions pass the blast-radius guard (held ones are paged for approval) and are delivered.
 * The batch may be committed only when {@link #handle} returns true.
 */
final class BatchDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);

    private final Ledger ledger;
    private final SafetyRules rules;
    private final PagerRouter router;
    private final PagerClient pager;
    private final DrainDispatcher dispatcher;
    private final ExecutorService executor;
    private final Counters counters;
    private final Clock clock;
    private final StopSignal stop;

    BatchDelivery(Ledger ledger, SafetyRules rules, PagerRouter router, PagerClient pager, DrainDispatcher dispatcher,
                  ExecutorService executor, Counters counters, Clock clock, StopSignal stop) {
        this.ledger = ledger;
        this.rules = rules;
        this.router = router;
        this.pager = pager;
        this.dispatcher = dispatcher;
        this.executor = executor;
        this.counters = counters;
        this.clock = clock;
        this.stop = stop;
    }

    /** Delivers and pages a batch; false when a stop cut it short, so it must not be committed. */
    boolean handle(ConsumerRecords<String, byte[]> records) {
        List<DrainDecision> decisions = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (Topics.DECISIONS.name().equals(record.topic())) {
                read(record, Topics.DECISIONS.valueSerde().deserializer()::deserialize, decisions);
            } else {
                read(record, Topics.ALERTS.valueSerde().deserializer()::deserialize, alerts);
            }
        }
        Instant now = clock.instant();
        alerts.forEach(alert -> ledger.onAlert(alert, now));
        // drains matter most: start them first; pages go out meanwhile on another thread
        Future<Boolean> pages = executor.submit(() -> page(alerts));
        List<DrainDecision> admitted = admit(decisions);
        boolean drained = admitted != null && dispatcher.dispatch(admitted).stream().allMatch(DeliveryResult::finished);
        try {
            return pages.get() && drained;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("paging failed unexpectedly", e.getCause());
        }
    }

    /** The decisions to deliver now; the blast-radius guard's holds are paged. Null when a stop cut a page short. */
    private List<DrainDecision> admit(List<DrainDecision> decisions) {
        List<DrainDecision> admitted = new ArrayList<>();
        for (DrainDecision decision : decisions) {
            Ledger.Admission admission = ledger.admit(decision);
            switch (admission) {
                case DELIVER -> admitted.add(decision);
                case HOLD, STILL_HELD -> {
                    // paged again after a restart or redelivery: the same dedup key keeps it one incident
                    if (rules.hold(decision).status() == PostOutcome.Status.STOPPED) {
                        return null;
                    }
                }
                default -> LOG.info("event=drain_not_sent decision={} site={} room={} reason={}", decision.id(),
                        decision.site(), decision.room(), admission.name().toLowerCase(Locale.ROOT));
            }
        }
        return admitted;
    }

    private boolean page(List<Alert> alerts) {
        for (Alert alert : alerts) {
            for (PagerEvent event : router.eventsFor(alert)) {
                if (pager.send(event, alert.site(), alert.room()).status() == PostOutcome.Status.STOPPED) {
                    return false;
                }
            }
        }
        return true;
    }

    private <T> void read(ConsumerRecord<String, byte[]> record, Reader<T> reader, List<T> into) {
        if (record.value() == null) {
            return;
        }
        try {
            into.add(reader.read(record.topic(), record.value()));
        } catch (RuntimeException e) {
            counters.unreadable.incrementAndGet();
            LOG.error("event=record_unreadable topic={} partition={} offset={} error=\"{}\"",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(String topic, byte[] bytes);
    }
}
