package io.firebreak.alerting;

import io.firebreak.telemetry.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads drain decisions and alerts from Kafka and turns them into signed drain webhooks and pages.
 *
 * <p>At least once, with stable ids: each polled batch is fully delivered (or given up on and paged)
 * before its offsets are committed, so a process killed mid-delivery sends the same decisions again
 * after a restart, with the same {@code id} and {@code webhook-id}, and receivers drop the repeats.
 * {@link #close()} wakes the loop and any backoff; an unfinished batch is left uncommitted.
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

    private final AlertingConfig config;
    private final StopSignal stop = new StopSignal();
    private final Counters counters = new Counters();
    private final ExecutorService executor;
    private final DrainDispatcher dispatcher;
    private final PagerRouter router;
    private final PagerClient pager;
    private final Clock clock;
    private final KafkaOutbox outbox;
    private final Ledger ledger;
    private final SafetyRules rules;
    private final ScheduledExecutorService timers;
    private final BatchDelivery batches;
    private OperatorFeed operatorFeed;
    private OperatorApi operatorApi;
    private KafkaConsumer<String, byte[]> consumer;
    private volatile Thread loop;
    private boolean closed;

    public AlertingService(AlertingConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "firebreak-alerting-send-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        RetryingPost post = new RetryingPost(RetryingPost.httpClient(config.targetTimeout()), config.retryPolicy(), stop, clock);
        this.outbox = new KafkaOutbox(config.kafka(), clientId() + "-outbox");
        this.pager = new PagerClient(config.inventory().pager().url(), post, config.dryRun(), counters, outbox);
        this.router = new PagerRouter(config.inventory(), clock);
        WebhookDelivery delivery = new WebhookDelivery(post, clock, config.dryRun(), counters, outbox);
        this.dispatcher = new DrainDispatcher(config.inventory(), delivery, pager, executor, clock);
        this.ledger = new Ledger(config);
        this.rules = new SafetyRules(config, ledger, outbox, router, pager, clock);
        this.batches = new BatchDelivery(ledger, rules, router, pager, dispatcher, executor, counters, clock, stop);
        this.timers = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "firebreak-alerting-timers");
            t.setDaemon(true);
            return t;
        });
    }

    /** Ensures the topics exist and starts consuming decisions and alerts. */
    public synchronized void start() {
        if (loop != null || closed) {
            throw new IllegalStateException("already started or closed");
        }
        config.kafka().ensureTopics();
        // pending state first: operator history (approvals, vetoes, acks), then every decision
        operatorFeed = new OperatorFeed(config.kafka(), clientId() + "-operator", rules);
        operatorFeed.replay();
        StartupReplay.decisions(config.kafka(), clientId() + "-replay", ledger);
        operatorFeed.follow();
        if (config.operatorPort() > 0) {
            operatorApi = new OperatorApi(config.operatorHost(), config.operatorPort(), config.inventory().site(), ledger,
                    outbox, clock);
            operatorApi.start();
        }
        timers.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DECISIONS.name(), Topics.ALERTS.name()));
        loop = new Thread(this::run, "firebreak-alerting-consumer");
        loop.start();
        LOG.info("event=alerting_started site={} group_id={} targets={} dry_run={} max_attempts={} "
                        + "max_halls_without_approval={} warning_countdown={} all_clear={} escalation_after={} operator_port={}",
                config.inventory().site(), config.groupId(), config.inventory().drainTargets().size(),
                config.dryRun(), config.maxAttempts(), config.maxHallsWithoutApproval(), config.warningCountdown(),
                config.allClearPeriod(), config.escalationAfter(), config.operatorPort());
    }

    /** What waits for a person or a timer: held decisions, warning countdowns, unacknowledged pages, drained rooms. */
    public PendingState pending() {
        return ledger.pending();
    }

    private void tick() {
        try {
            rules.tick();
        } catch (RuntimeException e) {
            LOG.error("event=timer_failed error=\"{}\"", e.getMessage(), e);
        }
    }

    private String clientId() {
        return config.groupId() + "-" + config.inventory().site();
    }

    /** What has been delivered, failed and paged so far. */
    public AlertingCounters counters() {
        return counters.snapshot();
    }

    /** True while the consumer loop runs. */
    public boolean running() {
        Thread t = loop;
        return t != null && t.isAlive();
    }

    private Properties consumerProperties() {
        Properties props = config.kafka().clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId());
        return props;
    }

    private void run() {
        try {
            while (!stop.stopped()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                if (!batches.handle(records)) {
                    LOG.info("event=batch_left_uncommitted records={} reason=stopping", records.count());
                    break;
                }
                commit();
            }
        } catch (WakeupException e) {
            if (!stop.stopped()) {
                LOG.error("event=alerting_loop_failed error=unexpected_wakeup", e);
            }
        } catch (RuntimeException e) {
            LOG.error("event=alerting_loop_failed error=\"{}\"", e.getMessage(), e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            LOG.info("event=alerting_stopped counters={}", counters.snapshot());
        }
    }

    private void commit() {
        // the audit of this batch's attempts is on Kafka before the batch counts as done
        outbox.flush();
        try {
            consumer.commitSync();
        } catch (WakeupException e) {
            // close() raced the commit; the batch is delivered, so commit it rather than resend it
            consumer.commitSync();
            throw e;
        } catch (CommitFailedException e) {
            // the group rebalanced during a long delivery: the new owner sends the batch again, same ids
            LOG.warn("event=commit_failed reason=rebalance error=\"{}\"", e.getMessage());
        }
    }

    /** Stops the loop (an unfinished batch stays uncommitted), closes the consumer and the senders. */
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
        outbox.close();
    }

    /** The operator endpoint's port; 0 when none runs. */
    public int operatorPort() {
        OperatorApi api = operatorApi;
        return api == null ? 0 : api.port();
    }
}
