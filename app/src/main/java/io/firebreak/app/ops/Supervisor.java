package io.firebreak.app.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the process's services running: each is checked every {@link Policy#checkEvery()}; one whose loop
 * has ended is closed and replaced by a new instance, with a backoff doubling from
 * {@link Policy#firstBackoff()} to {@link Policy#maxBackoff()}, each failure and restart logged. A service
 * that has not run steadily for {@link Policy#stableAfter()} since it failed is still failing; when that lasts
 * {@link Policy#giveUpAfter()} the {@code fatal} callback hears why, once, and the launcher exits non-zero
 * so that systemd, Kubernetes or compose start the process afresh. Nothing here exits the JVM.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    /** When to check, how fast to retry, when to give up. */
    public record Policy(Duration checkEvery, Duration firstBackoff, Duration maxBackoff, Duration stableAfter,
                         Duration giveUpAfter) {
        public Policy {
            Objects.requireNonNull(checkEvery, "checkEvery");
            Objects.requireNonNull(firstBackoff, "firstBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(stableAfter, "stableAfter");
            Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        }

        /** Checked every second, restarted after 1 s doubling to 30 s, steady after 30 s, given up after {@code giveUpAfter}. */
        public static Policy of(Duration giveUpAfter) {
            return new Policy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30),
                    giveUpAfter);
        }
    }

    private final Policy policy;
    private final Consumer<String> fatal;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ScheduledExecutorService checks;
    private final List<Supervised> services = new CopyOnWriteArrayList<>();
    private final AtomicBoolean gaveUp = new AtomicBoolean();

    public Supervisor(Policy policy, Consumer<String> fatal, MeterRegistry registry, Clock clock) {
        this.policy = policy;
        this.fatal = fatal;
        this.registry = registry;
        this.clock = clock;
        this.checks = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "firebreak-supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts {@code name} from {@code factory} now (a failure here is thrown: the process should not start
     * half-configured) and keeps it running from then on.
     */
    public Supervised supervise(String name, Supplier<Managed> factory) {
        Managed first = factory.get();
        try {
            first.start();
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        Supervised service = new Supervised(name, factory, first);
        services.add(service);
        Gauge.builder("firebreak.service.up", service, s -> s.alive() ? 1 : 0).tag("service", name)
                .description("1 while the service's loops run").register(registry);
        Gauge.builder("firebreak.service.ready", service, s -> s.notReady() == null ? 1 : 0).tag("service", name)
                .description("1 while the service is connected and caught up").register(registry);
        FunctionCounter.builder("firebreak.service.restarts", service, s -> s.restarts).tag("service", name)
                .description("times the service failed and was replaced").register(registry);
        first.publish(registry);
        checks.scheduleWithFixedDelay(service::check, policy.checkEvery().toMillis(), policy.checkEvery().toMillis(),
                TimeUnit.MILLISECONDS);
        return service;
    }

    /** What is not alive, one line per service; empty when all run. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Supervised s : services) {
            if (!s.alive()) {
                problems.add(s.name + ": not running (restarting, " + s.restarts + " restarts so far)");
            }
        }
        return problems;
    }

    /** What is not ready, one line per service; empty when all are connected and caught up. */
    public List<String> notReady() {
        List<String> problems = new ArrayList<>();
        for (Supervised s : services) {
            String why = s.notReady();
            if (why != null) {
                problems.add(s.name + ": " + why);
            }
        }
        return problems;
    }

    /** Stops checking and closes every service, the last supervised first. */
    @Override
    public void close() {
        checks.shutdownNow();
        try {
            checks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).closeCurrent();
        }
        services.clear();
    }

    /** One supervised service: the instance running now, and how its failures go. */
    public final class Supervised {
        private final String name;
        private final Supplier<Managed> factory;
        private volatile Managed current;
        private volatile long restarts;
        private Instant failingSince;
        private Instant aliveSince;
        private Instant nextAttempt;
        private Duration backoff;

        private Supervised(String name, Supplier<Managed> factory, Managed first) {
            this.name = name;
            this.factory = factory;
            this.current = first;
            this.aliveSince = clock.instant();
            this.backoff = policy.firstBackoff();
        }

        /** The instance running now; null between a failure and its replacement. */
        public Managed current() {
            return current;
        }

        public long restarts() {
            return restarts;
        }

        boolean alive() {
            Managed m = current;
            return m != null && m.alive();
        }

        String notReady() {
            Managed m = current;
            if (m == null || !m.alive()) {
                return "not running";
            }
            return m.notReady();
        }

        private synchronized void check() {
            try {
                checkOnce();
            } catch (RuntimeException e) {
                LOG.error("event=supervisor_check_failed service={} error=\"{}\"", name, e.getMessage(), e);
            }
        }

        private void checkOnce() {
            Instant now = clock.instant();
            Managed m = current;
            if (m != null && m.alive()) {
                m.publish(registry);
                if (failingSince != null && !now.isBefore(aliveSince.plus(policy.stableAfter()))) {
                    LOG.info("event=service_recovered service={} down_for_ms={} restarts={}", name,
                            Duration.between(failingSince, now).toMillis(), restarts);
                    failingSince = null;
                    backoff = policy.firstBackoff();
                }
                return;
            }
            if (m != null) {
                LOG.error("event=service_failed service={} restarts={} retry_in_ms={}", name, restarts, backoff.toMillis());
                current = null;
                closeQuietly(m);
                if (failingSince == null) {
                    failingSince = now;
                }
                nextAttempt = now.plus(backoff);
            }
            if (Duration.between(failingSince, now).compareTo(policy.giveUpAfter()) >= 0) {
                if (gaveUp.compareAndSet(false, true)) {
                    String why = "service " + name + " did not recover within " + policy.giveUpAfter() + " (" + restarts
                            + " restarts)";
                    LOG.error("event=supervisor_gave_up service={} give_up_after={} restarts={}", name, policy.giveUpAfter(),
                            restarts);
                    fatal.accept(why);
                }
                return;
            }
            if (now.isBefore(nextAttempt)) {
                return;
            }
            restart(now);
        }

        private void restart(Instant now) {
            Managed next = null;
            restarts++;
            try {
                next = factory.get();
                next.start();
                current = next;
                aliveSince = clock.instant();
                LOG.warn("event=service_restarted service={} restarts={} failing_for_ms={}", name, restarts,
                        Duration.between(failingSince, now).toMillis());
            } catch (RuntimeException e) {
                if (next != null) {
                    closeQuietly(next);
                }
                backoff = backoff.multipliedBy(2).compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : backoff.multipliedBy(2);
                nextAttempt = now.plus(backoff);
                LOG.error("event=service_restart_failed service={} restarts={} retry_in_ms={} error=\"{}\"", name, restarts,
                        backoff.toMillis(), e.getMessage());
            }
        }

        private void closeCurrent() {
            Managed m = current;
            current = null;
            if (m != null) {
                closeQuietly(m);
            }
        }

        private void closeQuietly(Managed m) {
            try {
                m.close();
            } catch (RuntimeException e) {
                LOG.warn("event=service_close_failed service={} error=\"{}\"", name, e.getMessage());
            }
        }
    }
}
