package io.firebreak.alerting;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 */
public final class AlertingService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertingService.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    private final AlertingConfig config;
    private final StopSignal stop = new StopSignal();
    private final Counters counters = new Counters();
    private final ExecutorService executor;
    private final DrainDispatcher dispatcher;
    private final PagerRouter router;
    private final PagerClient pager;
    private KafkaConsumer<String, byte[]> consumer;
    private volatile Thread loop;
    private boolean closed;

    public AlertingService(AlertingConfig config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "firebreak-alerting-send-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        RetryingPost post = new RetryingPost(RetryingPost.httpClient(config.targetTimeout()), config.retryPolicy(), stop, clock);
        this.pager = new PagerClient(config.inventory().pager().url(), post, config.dryRun(), counters);
        this.router = new PagerRouter(config.inventory(), clock);
        WebhookDelivery delivery = new WebhookDelivery(post, clock, config.dryRun(), counters);
        this.dispatcher = new DrainDispatcher(config.inventory(), delivery, pager, executor, clock);
    }

    /** Ensures the topics exist and starts consuming decisions and alerts. */
    public synchronized void start() {
        if (loop != null || closed) {
            throw new IllegalStateException("already started or closed");
        }
        config.kafka().ensureTopics();
        consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DECISIONS.name(), Topics.ALERTS.name()));
        loop = new Thread(this::run, "firebreak-alerting-consumer");
        loop.start();
        LOG.info("event=alerting_started site={} group_id={} targets={} dry_run={} max_attempts={}",
                config.inventory().site(), config.groupId(), config.inventory().drainTargets().size(),
                config.dryRun(), config.maxAttempts());
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
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-" + config.inventory().site());
        return props;
    }

    private void run() {
        try {
            while (!stop.stopped()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                if (!handle(records)) {
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

    /** Delivers and pages a batch; false when a stop cut it short, so it must not be committed. */
    private boolean handle(ConsumerRecords<String, byte[]> records) {
        List<DrainDecision> decisions = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (Topics.DECISIONS.name().equals(record.topic())) {
                read(record, Topics.DECISIONS.valueSerde().deserializer()::deserialize, decisions);
            } else {
                read(record, Topics.ALERTS.valueSerde().deserializer()::deserialize, alerts);
            }
        }
        // drains matter most: start them first; pages go out meanwhile on another thread
        Future<Boolean> pages = executor.submit(() -> page(alerts));
        boolean drained = dispatcher.dispatch(decisions).stream().allMatch(DeliveryResult::finished);
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

    private boolean page(List<Alert> alerts) {
        for (Alert alert : alerts) {
            for (PagerEvent event : router.eventsFor(alert)) {
                if (pager.send(event).status() == PostOutcome.Status.STOPPED) {
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

    private void commit() {
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
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(String topic, byte[] bytes);
    }
}
