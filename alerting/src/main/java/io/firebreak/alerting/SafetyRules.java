package io.firebreak.alerting;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.OperatorAction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies operator actions and the timers to the {@link Ledger}, and carries out what follows: an approved
 * held decision or early drain, and a release, are published on {@code firebreak.decisions.v1} (so the
 * delivery loop delivers them with the same guarantees as detection's own); an acknowledgement is passed
 * on to the pager; an unacknowledged critical page escalates to the next level.
 *
 * <p>A {@code takeover} stops the attempts of a drain decision no target has accepted: a person delivers it
 * by other means. Pages go out on their own lanes ({@link Pages}), never given up.
 *
 * <p>Veto applies to warning-level early drains and to decisions held by the blast-radius guard; a
 * decision detection issues when the room goes critical is delivered whatever the warning's veto said.
 */
final class SafetyRules {

    private static final Logger LOG = LoggerFactory.getLogger(SafetyRules.class);

    private final AlertingConfig config;
    private final Ledger ledger;
    private final Decisions decisions;
    private final KafkaOutbox outbox;
    private final PagerRouter router;
    private final Pages pager;
    private final Clock clock;

    SafetyRules(AlertingConfig config, Ledger ledger, KafkaOutbox outbox, PagerRouter router, Pages pager, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.decisions = new Decisions(config.inventory(), clock);
        this.outbox = outbox;
        this.router = router;
        this.pager = pager;
        this.clock = clock;
    }

    /**
     * Applies {@code action}. When {@code live} is false (replaying history on start) only the ledger is
     * updated: what the action caused then was published or sent then.
     */
    void apply(OperatorAction action, boolean live) {
        String what = "action=" + action.action() + " action_id=" + action.id() + " subject=" + action.subject()
                + " site=" + action.site() + " room=" + action.room() + " operator=" + action.operator();
        switch (action.action()) {
            case OperatorAction.ACK -> {
                boolean waiting = ledger.ack(action.subject());
                if (live) {
                    router.acknowledgements(action.subject(), action.room())
                            .forEach(event -> pager.send(event, action.site(), action.room()));
                }
                LOG.info("event=operator_action_applied {} live={} escalation_cancelled={}", what, live, waiting);
            }
            case OperatorAction.APPROVE -> {
                Optional<DrainDecision> approved = ledger.approve(action.subject(), action.operator(), clock.instant(), decisions);
                if (live) {
                    approved.ifPresent(d -> outbox.publish(d, action.id()));
                }
                LOG.info("event=operator_action_applied {} live={} decision={}", what, live,
                        approved.map(DrainDecision::id).orElse("none"));
            }
            case OperatorAction.VETO -> {
                ledger.veto(action.subject());
                LOG.info("event=operator_action_applied {} live={}", what, live);
            }
            case OperatorAction.RELEASE -> {
                Optional<DrainDecision> drain = ledger.drainIn(action.site(), action.room());
                if (live) {
                    drain.ifPresent(d -> outbox.publish(release(d, action), action.id()));
                }
                LOG.info("event=operator_action_applied {} live={} released={}", what, live,
                        drain.map(DrainDecision::id).orElse("none"));
            }
            case OperatorAction.TAKEOVER -> {
                // replayed or live, the effect is the same: no more attempts for this decision, here or after a restart
                boolean wasUndelivered = ledger.pending().undelivered().stream().anyMatch(d -> d.id().equals(action.subject()));
                ledger.takeOver(action.subject());
                LOG.warn("event=operator_action_applied {} live={} was_undelivered={}", what, live, wasUndelivered);
            }
            default -> LOG.warn("event=operator_action_unknown {}", what);
        }
    }

    /**
     * Carries out, once the state is rebuilt on start, the effects of replayed {@code actions} that Kafka does not
     * show: an action recorded while alerting was down, or one whose effect a crash took with it between the
     * record and the effect. Each effect is derived from the recorded action and the rebuilt state, as the
     * live action would have had it: an approved held decision still undelivered is published again (unless a
     * copy carrying out an approval is on the topic); an early drain approved within its countdown (at the
     * action's time, against the countdown rebuilt from the alert's record time) is published unless it is on
     * the topic; a release whose drain is still in force is published; an acknowledgement the pager never took
     * is sent. What is on Kafka already is not done twice: the ids are stable and the history dedups the rest.
     */
    void reconcile(List<OperatorAction> actions, OperatorEffects effects, DeliveryHistory history) {
        for (OperatorAction action : actions) {
            if (!action.site().equals(config.inventory().site())) {
                // another site's actions are carried out by its own alerting instance
                continue;
            }
            switch (action.action()) {
                case OperatorAction.APPROVE -> reconcileApproval(action, effects);
                case OperatorAction.RELEASE -> ledger.drainIn(action.site(), action.room())
                        .filter(d -> d.id().equals(action.subject())
                                || (!effects.onTopic(action.subject()) && d.detectedAt() <= action.at()))
                        .ifPresent(d -> carryOut(action, release(d, action)));
                case OperatorAction.ACK -> router.acknowledgements(action.subject(), action.room()).stream()
                        .filter(e -> !history.pageDone(e.dedupKey(), e.recipient(), e.eventAction()))
                        .forEach(e -> {
                            LOG.warn("event=operator_effect_restored action=ack action_id={} subject={} recipient={}",
                                    action.id(), action.subject(), e.recipient());
                            pager.send(e, action.site(), action.room());
                        });
                default -> {
                    // veto and takeover act on the ledger only, which the replay rebuilt
                }
            }
        }
    }

    private void reconcileApproval(OperatorAction action, OperatorEffects effects) {
        Optional<DrainDecision> held = ledger.undelivered(action.subject()).filter(d -> !effects.carriedOut(d.id()));
        if (held.isPresent()) {
            carryOut(action, held.get());
            return;
        }
        ledger.approve(action.subject(), action.operator(), Instant.ofEpochMilli(action.at()), decisions)
                .filter(early -> !effects.onTopic(early.id()))
                .ifPresent(early -> carryOut(action, early));
    }

    private void carryOut(OperatorAction action, DrainDecision effect) {
        LOG.warn("event=operator_effect_restored action={} action_id={} subject={} site={} room={} decision={} type={}",
                action.action(), action.id(), action.subject(), action.site(), action.room(), effect.id(), effect.type());
        outbox.publish(effect, action.id());
    }

    private DrainDecision release(DrainDecision drain, OperatorAction action) {
        return decisions.release(drain, "released by operator " + action.operator()
                + (action.note().isBlank() ? "" : ": " + action.note()));
    }

    /** Pages the facility to approve a decision the blast-radius guard holds; the future ends when the pager took it. */
    CompletableFuture<PostOutcome> hold(DrainDecision decision) {
        LOG.warn("event=drain_held decision={} site={} room={} scope={} max_halls_without_approval={}",
                decision.id(), decision.site(), decision.room(), decision.scope(), config.maxHallsWithoutApproval());
        return pager.send(router.approvalNeeded(decision, config.maxHallsWithoutApproval()), decision.site(), decision.room());
    }

    /** Runs the timers: escalations due, and releases whose all-clear period has passed. */
    void tick() {
        for (Alert alert : ledger.dueEscalations(clock.instant())) {
            LOG.warn("event=page_escalated alert={} site={} room={} after={}", alert.id(), alert.site(), alert.room(),
                    config.escalationAfter());
            pager.send(router.escalation(alert, config.escalationAfter(), config.escalationKey()), alert.site(), alert.room());
        }
        for (DrainDecision drain : ledger.dueAllClears(clock.instant())) {
            LOG.info("event=all_clear decision={} site={} room={} period={}", drain.id(), drain.site(), drain.room(),
                    config.allClearPeriod());
            outbox.publish(decisions.release(drain, "all-clear: no alert for " + config.allClearPeriod()
                    + " after the room's alert resolved"));
        }
    }
}
