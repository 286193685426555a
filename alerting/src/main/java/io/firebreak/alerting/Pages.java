package io.firebreak.alerting;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Pages that are never given up: each event is sent on its own lane (recipient and room) until the pager
 * takes it, whatever the pager's outage, so a dead pager never delays a drain webhook and one room's pages
 * never wait for another's. The same event already on its way is not queued twice (re-pages while the pager
 * is down collapse into one); pages the pager took are booked in the {@link DeliveryHistory}.
 */
final class Pages {

    private final PagerClient pager;
    private final DeliveryLanes lanes;
    private final DeliveryHistory history;
    private final Map<String, CompletableFuture<PostOutcome>> queued = new ConcurrentHashMap<>();

    Pages(PagerClient pager, DeliveryLanes lanes, DeliveryHistory history) {
        this.pager = pager;
        this.lanes = lanes;
        this.history = history;
    }

    /** Sends {@code event} until it is taken; the future completes with the end (ACCEPTED, DRY_RUN or STOPPED). */
    CompletableFuture<PostOutcome> send(PagerEvent event, String site, String room) {
        return send(event, site, room, () -> false, spent -> { });
    }

    /**
     * As {@link #send(PagerEvent, String, String)}; {@code cancelled} ends it early (TAKEN_OVER), and
     * {@code whenBudgetSpent} hears each time the retry budget runs out while the pager does not take it.
     */
    CompletableFuture<PostOutcome> send(PagerEvent event, String site, String room, BooleanSupplier cancelled,
                                        Consumer<PostOutcome> whenBudgetSpent) {
        CompletableFuture<PostOutcome> result = new CompletableFuture<>();
        // the same event, byte for byte: a warning and the critical that follows it under one dedup key are two
        String key = event.recipient() + '\u0000' + PagerClient.json(event);
        CompletableFuture<PostOutcome> already = queued.putIfAbsent(key, result);
        if (already != null) {
            // the same page is already on its way: this one is a repeat and ends with it
            return already;
        }
        lanes.submit("page|" + event.recipient() + "|" + site + "/" + room, () -> {
            try {
                PostOutcome outcome = pager.sendUntilAccepted(event, site, room, new RetryingPost.Until() {
                    @Override
                    public boolean takenOver() {
                        return cancelled.getAsBoolean();
                    }

                    @Override
                    public void budgetSpent(PostOutcome spent, int times) {
                        whenBudgetSpent.accept(spent);
                    }
                });
                if (outcome.accepted()) {
                    history.record(event.dedupKey(), event.recipient(), event.eventAction());
                }
                result.complete(outcome);
            } finally {
                queued.remove(key, result);
                result.complete(new PostOutcome(PostOutcome.Status.STOPPED, 0, "failed"));
            }
        });
        return result;
    }
}
