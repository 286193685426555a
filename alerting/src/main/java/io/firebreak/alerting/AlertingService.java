package io.firebreak.alerting;

import io.firebreak.alerting.console.Console;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads drain decisions and alerts from Kafka and turns them into signed drain webhooks and pages.
 *
 * <p>Nothing is given up: a decision is delivered to each target until it answers 2xx or a person takes
 * the delivery over ({@code takeover}); the retry budget only decides when the facility is paged and
 * re-paged. Each target and room has its own lane ({@link DeliveryLanes}), so a dead target never delays
 * another target or another room, and the loop keeps polling while lanes retry. A record's offset is
 * committed only once all its deliveries are done ({@link OffsetTracker}), so a process killed mid-retry
 * resumes after a restart with the same {@code id} and {@code webhook-id}; targets that already took a
 * decision (per the audit topic, {@link DeliveryHistory}) are not sent it again. A room counts as drained
 * only once a target answered 2xx. {@link #close()} wakes the loop and any backoff; unfinished records stay
 * uncommitted.
 *
 * <p>Every attempt is recorded on {@code firebreak.audit.v1} (flushed before offsets are committed).
 * Safety rules ({@code SafetyRules}): a blast-radius guard holds decisions that would drain more than
 * {@code maxHallsWithoutApproval} halls until a person approves; a warning opens a countdown in which an
 * operator may approve an early drain or veto it; critical pages escalate when nobody acknowledges them;
 * a drained room is released by an operator or after its all-clear period. Operator actions arrive on
 * {@code firebreak.operator.v1}, written by the optional HTTP endpoint ({@link OperatorClient}).
 */
public final class AlertingService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertingService.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);
    private static final Duration TICK = Duration.ofMillis(500);
    /** Records in flight above which polling pauses until the lanes catch up. */
    private static final int MAX_IN_FLIGHT = 10_000;

    private final AlertingConfig config;
    private final StopSignal stop = new StopSignal();
    private final Counters counters = new Counters();
    private final ExecutorService executor;
    private final Clock clock;
    private final KafkaOutbox outbox;
    private final Ledger ledger;
    private final DeliveryHistory history = new DeliveryHistory();
    private final OffsetTracker tracker = new OffsetTracker();
    private final SafetyRules rules;
    private final Deliveries deliveries;
    private final ScheduledExecutorService timers;
    private final Heartbeat heartbeat;
    private Duration heartbeatEvery = Duration.ZERO;
    private OperatorFeed operatorFeed;
    private KafkaConsumer<String, byte[]> auditFollower;
    private OperatorApi operatorApi;
    private KafkaConsumer<String, byte[]> consumer;
    private volatile Thread loop;
    private volatile boolean caughtUp;
    private boolean closed;

    public AlertingService(AlertingConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "firebreak-alerting-lane-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        RetryingPost post = new RetryingPost(RetryingPost.httpClient(config.targetTimeout()), config.retryPolicy(), stop, clock);
        this.outbox = new KafkaOutbox(config.kafka(), clientId() + "-outbox");
        PagerClient pager = new PagerClient(config.inventory().pager().url(), post, config.dryRun(), counters, outbox);
        PagerRouter router = new PagerRouter(config.inventory(), clock, config.consoleLinks());
        DeliveryLanes lanes = new DeliveryLanes(executor);
        Pages pages = new Pages(pager, lanes, history);
        this.ledger = new Ledger(config);
        this.rules = new SafetyRules(config, ledger, outbox, router, pages, clock);
        WebhookDelivery webhooks = new WebhookDelivery(post, clock, config.dryRun(), counters, outbox);
        this.deliveries = new Deliveries(config.inventory(), ledger, rules, router, pages, webhooks, lanes, history,
                counters, outbox, clock);
        this.heartbeat = new Heartbeat(pager, config, clock);
        this.timers = Executors.newScheduledThreadPool(2, task -> {
            Thread t = new Thread(task, "firebreak-alerting-timers");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sends a heartbeat through the pager path every {@code every} once started (zero: none), for a second
     * line to page when it stops; call before {@link #start()}.
     */
    public synchronized AlertingService withHeartbeat(Duration every) {
        if (every == null || every.isNegative()) {
            throw new IllegalArgumentException("heartbeat: must be zero (off) or a positive duration, was " + every);
        }
        this.heartbeatEvery = every;
        return this;
    }

    /** Wall clock of the last heartbeat the pager accepted, epoch ms; 0 before the first (or with none). */
    public long heartbeatLastAccepted() {
        return heartbeat.lastAccepted();
    }

    /** Ensures the topics exist, rebuilds the pending state from Kafka and starts consuming decisions and alerts. */
    public synchronized void start() {
        if (loop != null || closed) {
            throw new IllegalStateException("already started or closed");
        }
        config.kafka().ensureTopics();
        // pending state first: operator history (approvals, vetoes, acks, takeovers), what receivers took, then decisions
        operatorFeed = new OperatorFeed(config.kafka(), clientId() + "-operator", rules);
        List<OperatorAction> actions = operatorFeed.replay();
        auditFollower = StartupReplay.assignedConsumer(config.kafka(), Topics.AUDIT.name(), clientId() + "-history");
        StartupReplay.audit(auditFollower, history);
        OperatorEffects effects = new OperatorEffects();
        StartupReplay.decisions(config.kafka(), clientId() + "-replay", ledger, history, config.inventory(), effects);
        deliveries.alertsReplayedUpTo(StartupReplay.alerts(config.kafka(), clientId() + "-timers", ledger, history,
                config.inventory().site(), clock.instant().minus(timerHorizon())));
        // what an action recorded while we were down (or just before a crash) should have caused, and did not
        rules.reconcile(actions, effects, history);
        operatorFeed.follow();
        if (config.operatorPort() > 0) {
            Console console = new Console(config.inventory(), config.kafka(), clientId() + "-console", ledger::pending, clock);
            operatorApi = new OperatorApi(config.operatorHost(), config.operatorPort(), config.inventory().site(), ledger,
                    outbox::publish, outbox, config.operatorAccess(), clock, console);
            operatorApi.start();
        }
        timers.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        if (!heartbeatEvery.isZero()) {
            timers.scheduleWithFixedDelay(this::beat, 0, heartbeatEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DECISIONS.name(), Topics.ALERTS.name()), new Rebalance());
        loop = new Thread(this::run, "firebreak-alerting-consumer");
        loop.start();
        LOG.info("event=alerting_started site={} group_id={} targets={} dry_run={} max_attempts={} max_backoff={} "
                        + "max_halls_without_approval={} warning_countdown={} all_clear={} escalation_after={} operator_port={} "
                        + "heartbeat={}",
                config.inventory().site(), config.groupId(), config.inventory().drainTargets().size(),
                config.dryRun(), config.maxAttempts(), config.maxBackoff(), config.maxHallsWithoutApproval(),
                config.warningCountdown(), config.allClearPeriod(), config.escalationAfter(), config.operatorPort(),
                heartbeatEvery);
    }

    /** What waits for a person or a timer: held decisions, undelivered drains, countdowns, unacknowledged pages, drained rooms. */
    public PendingState pending() {
        return ledger.pending();
    }

    private void beat() {
        try {
            heartbeat.beat();
        } catch (RuntimeException e) {
            LOG.error("event=heartbeat_failed error=\"{}\"", e.getMessage(), e);
        }
    }

    private void tick() {
        try {
            rules.tick();
        } catch (RuntimeException e) {
            LOG.error("event=timer_failed error=\"{}\"", e.getMessage(), e);
        }
    }

    /** How far back alerts can still have a timer running: the longest of countdown (and its grace), escalation, all-clear. */
    private Duration timerHorizon() {
        Duration longest = config.warningCountdown().multipliedBy(2);
        for (Duration d : List.of(config.escalationAfter(), config.allClearPeriod())) {
            longest = d.compareTo(longest) > 0 ? d : longest;
        }
        return longest.plusMinutes(1);
    }

    private String clientId() {
        return config.groupId() + "-" + config.inventory().site();
    }

    /** What has been delivered, failed and paged so far. */
    public AlertingCounters counters() {
        return counters.snapshot();
    }

    /** The live counters, attempts by target and outcome included, for the metrics endpoint. */
    public Counters liveCounters() {
        return counters;
    }

    /** Records polled whose deliveries are not all done yet (each still retried). */
    public int inFlight() {
        return tracker.inFlight();
    }

    /** True while the consumer loop runs. */
    public boolean running() {
        Thread t = loop;
        return t != null && t.isAlive();
    }

    /** True once the loop has polled with nothing left to read (the state replayed, the group joined). */
    public boolean caughtUp() {
        return caughtUp && running();
    }

    private Properties consumerProperties() {
        Properties props = config.kafka().clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId());
        // an instance that dies without leaving holds its rooms' deliveries until the group notices: 10 s, not 45 s
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return props;
    }

    private void run() {
        try {
            while (!stop.stopped()) {
                var records = consumer.poll(POLL);
                if (records.isEmpty() && !consumer.assignment().isEmpty()) {
                    // caught up once: a trickle of records afterwards does not make the service unready
                    caughtUp = true;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    deliveries.handle(record, tracker.started(partition, record.offset()));
                }
                throttle();
                commit();
            }
        } catch (WakeupException e) {
            if (!stop.stopped()) {
                LOG.error("event=alerting_loop_failed error=unexpected_wakeup", e);
            }
        } catch (RuntimeException e) {
            LOG.error("event=alerting_loop_failed error=\"{}\"", e.getMessage(), e);
        } finally {
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.warn("event=final_commit_failed error=\"{}\"", e.getMessage());
            }
            // the lanes' records are no longer ours to commit: a restart reads them again, same ids
            tracker.revoked(consumer.assignment());
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            LOG.info("event=alerting_stopped counters={}", counters.snapshot());
        }
    }

    /** Polls on while lanes retry, but stops taking more records when too many are in flight. */
    private void throttle() {
        if (tracker.inFlight() > MAX_IN_FLIGHT) {
            if (consumer.paused().isEmpty()) {
                LOG.warn("event=alerting_paused in_flight={}", tracker.inFlight());
            }
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        if (offsets.isEmpty()) {
            return;
        }
        // the audit of what these records caused is on Kafka before they count as done
        outbox.flush();
        try {
            consumer.commitSync(offsets);
            tracker.committed(offsets);
        } catch (WakeupException e) {
            // close() raced the commit; what is done is done, so commit it rather than resend it
            consumer.commitSync(offsets);
            tracker.committed(offsets);
            throw e;
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the group rebalanced: the new owner sends what is not committed again, same ids
            LOG.warn("event=commit_failed reason=rebalance error=\"{}\"", e.getMessage());
        }
    }

    /** Commits what is done before partitions move; their unfinished deliveries stop, the new owner resumes them. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                // the new owner reads the audit to learn what was delivered here: it must be on Kafka first
                outbox.flush();
                commit();
            } catch (RuntimeException e) {
                LOG.warn("event=commit_on_revoke_failed error=\"{}\"", e.getMessage());
            }
            tracker.revoked(partitions);
            LOG.info("event=partitions_revoked partitions={}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            tracker.revoked(partitions);
            LOG.warn("event=partitions_lost partitions={}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            caughtUp = false;
            // what the previous owner delivered before it committed (its audit is flushed first) is not sent again
            try {
                StartupReplay.audit(auditFollower, history);
            } catch (RuntimeException e) {
                LOG.warn("event=history_refresh_failed error=\"{}\"", e.getMessage());
            }
            LOG.info("event=partitions_assigned partitions={}", partitions);
        }
    }

    /** Stops the loop (unfinished records stay uncommitted), closes the consumer and the senders. */
    @Override
    public void close() {
        stop.stop();
        Thread t;
        KafkaConsumer<String, byte[]> c;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = loop;
            c = consumer;
        }
        timers.shutdownNow();
        if (operatorApi != null) {
            operatorApi.close();
        }
        if (t != null) {
            c.wakeup();
            try {
                t.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("event=alerting_close_timeout waited_ms={}", CLOSE_WAIT.toMillis());
            }
        }
        executor.shutdownNow();
        if (operatorFeed != null) {
            operatorFeed.close();
        }
        if (auditFollower != null) {
            auditFollower.close(Duration.ofSeconds(2));
        }
        outbox.close();
    }

    /** The operator endpoint's port; 0 when none runs. */
    public int operatorPort() {
        OperatorApi api = operatorApi;
        return api == null ? 0 : api.port();
    }

    /** True while the operator feed follows {@code firebreak.operator.v1}. */
    public boolean operatorFeedRunning() {
        OperatorFeed feed = operatorFeed;
        return feed != null && feed.running();
    }
}
