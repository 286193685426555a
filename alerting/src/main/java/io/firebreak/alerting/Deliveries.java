package io.firebreak.alerting;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.DrainTarget;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one polled decision or alert into deliveries that are never given up, each on its own lane: a
 * decision goes to every target the inventory names for it, one lane per target and room; an alert's pages
 * go out on the pager's lanes. The record's {@link OffsetTracker.Ticket} is done (its offset committable)
 * only when every delivery is: accepted, dry run, or taken over by a person.
 *
 * <p>A webhook that spends its retry budget pages the facility (and again after each further budget);
 * when it is finally accepted or taken over, that page is resolved. When the page about a failing webhook
 * spends its own budget too, nobody knows the room is not drained: an {@code undelivered} record goes on
 * the audit topic (the dashboards show it) and the attempts go on.
 */
final class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private final SiteInventory inventory;
    private final Ledger ledger;
    private final SafetyRules rules;
    private final PagerRouter router;
    private final Pages pages;
    private final WebhookDelivery webhooks;
    private final DeliveryLanes lanes;
    private final DeliveryHistory history;
    private final Counters counters;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<TopicPartition, Long> replayedUpTo = new ConcurrentHashMap<>();

    Deliveries(SiteInventory inventory, Ledger ledger, SafetyRules rules, PagerRouter router, Pages pages,
               WebhookDelivery webhooks, DeliveryLanes lanes, DeliveryHistory history, Counters counters, AuditLog audit,
               Clock clock) {
        this.inventory = inventory;
        this.ledger = ledger;
        this.rules = rules;
        this.router = router;
        this.pages = pages;
        this.webhooks = webhooks;
        this.lanes = lanes;
        this.history = history;
        this.counters = counters;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts the deliveries of {@code record}; {@code ticket} is done once they all are. */
    void handle(ConsumerRecord<String, byte[]> record, OffsetTracker.Ticket ticket) {
        try {
            if (record.value() == null) {
                return;
            }
            if (Topics.DECISIONS.name().equals(record.topic())) {
                decision(Topics.DECISIONS.valueSerde().deserializer().deserialize(record.topic(), record.value()), ticket);
            } else {
                Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                alert(alert, replayed(record), ticket);
            }
        } catch (RuntimeException e) {
            counters.unreadable.incrementAndGet();
            LOG.error("event=record_unreadable topic={} partition={} offset={} error=\"{}\"",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        } finally {
            ticket.done();
        }
    }

    /**
     * The start-up replay set the timers of the alerts below these offsets ({@link StartupReplay#alerts}), at their
     * record time; read again by the group (not committed before a crash), they must not restart them now.
     */
    void alertsReplayedUpTo(Map<TopicPartition, Long> offsets) {
        replayedUpTo.putAll(offsets);
    }

    private boolean replayed(ConsumerRecord<String, byte[]> record) {
        Long upTo = replayedUpTo.get(new TopicPartition(record.topic(), record.partition()));
        return upTo != null && record.offset() < upTo;
    }

    private void alert(Alert alert, boolean replayed, OffsetTracker.Ticket ticket) {
        if (!replayed) {
            ledger.onAlert(alert, clock.instant());
        }
        // read again after a restart, an alert is paged again: the same dedup key keeps it one incident
        for (PagerEvent event : router.eventsFor(alert)) {
            hold(ticket, pages.send(event, alert.site(), alert.room(), ticket::cancelled, spent -> { }));
        }
    }

    private void decision(DrainDecision decision, OffsetTracker.Ticket ticket) {
        Ledger.Admission admission = ledger.admit(decision);
        switch (admission) {
            case DELIVER -> deliver(decision, ticket);
            // paged again after a restart or redelivery: the same dedup key keeps it one incident
            case HOLD, STILL_HELD -> hold(ticket, rules.hold(decision));
            default -> LOG.info("event=drain_not_sent decision={} site={} room={} reason={}", decision.id(),
                    decision.site(), decision.room(), admission.name().toLowerCase(Locale.ROOT));
        }
    }

    private static void hold(OffsetTracker.Ticket ticket, java.util.concurrent.CompletableFuture<PostOutcome> page) {
        ticket.add();
        page.thenAccept(outcome -> {
            if (outcome.done()) {
                ticket.done();
            }
        });
    }

    private void deliver(DrainDecision decision, OffsetTracker.Ticket ticket) {
        List<DrainTarget> targets = inventory.targetsFor(decision.scope(), decision.tenants());
        if (targets.isEmpty()) {
            LOG.warn("event=drain_without_target decision={} room={} scope={} tenants={}",
                    decision.id(), decision.room(), decision.scope(), decision.tenants());
        }
        for (DrainTarget target : targets) {
            if (history.webhookDone(decision.id(), target.id(), DrainWebhook.webhookId(decision, target))) {
                ledger.delivered(decision);
                continue;
            }
            if (ledger.takenOver(decision.id())) {
                continue;
            }
            ticket.add();
            lanes.submit("webhook|" + target.id() + "|" + decision.site() + "/" + decision.room(),
                    () -> deliverTo(decision, target, ticket));
        }
    }

    /** On the lane of {@code target} and the decision's room: until a 2xx, a takeover, a stop or a lost partition. */
    private void deliverTo(DrainDecision decision, DrainTarget target, OffsetTracker.Ticket ticket) {
        if (ticket.cancelled()) {
            return;
        }
        if (history.webhookDone(decision.id(), target.id(), DrainWebhook.webhookId(decision, target))) {
            // the same decision twice on the topic (an approval carried out again after a crash): the lane's
            // earlier job delivered it
            ledger.delivered(decision);
            ticket.done();
            return;
        }
        long read = ticket.readAt();
        AtomicBoolean paged = new AtomicBoolean();
        // issued_at is the wall clock when this target's first attempt goes out; retries resend the same body
        String body = DrainWebhook.body(decision, clock.instant(), router.links());
        PostOutcome outcome = webhooks.deliver(decision, target, body, new RetryingPost.Until() {
            @Override
            public boolean takenOver() {
                return ticket.cancelled() || ledger.takenOver(decision.id());
            }

            @Override
            public void budgetSpent(PostOutcome spent, int times) {
                paged.set(true);
                // the page goes out on the pager's lane: this lane keeps trying the target meanwhile
                pages.send(router.deliveryFailure(decision, target, spent), decision.site(), decision.room(),
                        () -> false, pageSpent -> undelivered(decision, target, spent, pageSpent));
            }
        });
        if (ticket.cancelled() || !outcome.done()) {
            return;
        }
        if (outcome.status() == PostOutcome.Status.TAKEN_OVER) {
            counters.takenOver.incrementAndGet();
        } else {
            history.recordWebhook(decision.id(), target.id(), DrainWebhook.webhookId(decision, target));
            ledger.delivered(decision);
            if (outcome.accepted()) {
                counters.deliveredAfter(System.currentTimeMillis() - read);
            }
        }
        if (paged.get()) {
            pages.send(router.deliveryResolved(decision, target), decision.site(), decision.room());
        }
        ticket.done();
    }

    private void undelivered(DrainDecision decision, DrainTarget target, PostOutcome webhook, PostOutcome page) {
        counters.undelivered.incrementAndGet();
        LOG.error("event=room_undelivered decision={} site={} room={} target={} webhook_attempts={} webhook_answer=\"{}\" "
                        + "page_answer=\"{}\"", decision.id(), decision.site(), decision.room(), target.id(),
                webhook.attempts(), webhook.lastAnswer(), page.lastAnswer());
        audit.record(new DeliveryAttempt(decision.id(), DeliveryAttempt.UNDELIVERED, decision.site(), decision.room(),
                target.id(), DrainWebhook.webhookId(decision, target), webhook.attempts(), 0,
                "webhook " + webhook.lastAnswer() + "; page " + page.lastAnswer(), 0, clock.millis()));
    }
}
