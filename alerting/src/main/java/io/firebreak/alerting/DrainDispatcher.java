package io.firebreak.alerting;

import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.DrainTarget;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends drain decisions to every target the inventory names for them, and pages the facility team
 * for each delivery that fails for good. Targets are served in parallel, so one slow or dead target
 * never delays another; one target gets its decisions in the order given (a release never overtakes
 * its request).
 */
public final class DrainDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DrainDispatcher.class);

    private final SiteInventory inventory;
    private final WebhookDelivery delivery;
    private final PagerRouter router;
    private final PagerClient pager;
    private final ExecutorService executor;
    private final Clock clock;

    public DrainDispatcher(SiteInventory inventory, WebhookDelivery delivery, PagerClient pager,
                           ExecutorService executor, Clock clock) {
        this.inventory = inventory;
        this.delivery = delivery;
        this.router = new PagerRouter(inventory, clock);
        this.pager = pager;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Delivers {@code decisions} and pages each failure as soon as it is final; returns when every target
     * is done. A decision cut short by a stop may be missing from the result, but then an unfinished
     * result for the same target precedes it.
     */
    public List<DeliveryResult> dispatch(List<DrainDecision> decisions) {
        Map<DrainTarget, List<DrainDecision>> byTarget = new LinkedHashMap<>();
        for (DrainDecision decision : decisions) {
            List<DrainTarget> targets = inventory.targetsFor(decision.scope(), decision.tenants());
            if (targets.isEmpty()) {
                LOG.warn("event=drain_without_target decision={} room={} scope={} tenants={}",
                        decision.id(), decision.room(), decision.scope(), decision.tenants());
            }
            targets.forEach(t -> byTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(decision));
        }
        List<Future<List<DeliveryResult>>> running = new ArrayList<>();
        byTarget.forEach((target, queue) -> running.add(executor.submit(() -> deliverInOrder(target, queue))));
        List<DeliveryResult> results = new ArrayList<>();
        for (Future<List<DeliveryResult>> future : running) {
            results.addAll(await(future));
        }
        return results;
    }

    private List<DeliveryResult> deliverInOrder(DrainTarget target, List<DrainDecision> queue) {
        List<DeliveryResult> results = new ArrayList<>();
        for (DrainDecision decision : queue) {
            // issued_at is the wall clock when this target's first attempt goes out; retries resend the same body
            String body = DrainWebhook.body(decision, clock.instant());
            PostOutcome outcome = delivery.deliver(decision, target, body);
            // page at once, on this target's thread: other targets' retries must not delay the person
            PostOutcome page = outcome.failed() ? pager.send(router.deliveryFailure(decision, target, outcome)) : null;
            results.add(new DeliveryResult(decision, target, outcome, page));
            if (outcome.status() == PostOutcome.Status.STOPPED) {
                break;
            }
        }
        return results;
    }

    private static List<DeliveryResult> await(Future<List<DeliveryResult>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            // the batch is incomplete: fail rather than let the caller commit it
            throw new IllegalStateException("interrupted while delivering drain webhooks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("drain delivery failed unexpectedly", e.getCause());
        }
    }
}
