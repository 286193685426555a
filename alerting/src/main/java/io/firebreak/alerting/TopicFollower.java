package io.firebreak.alerting;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows topics with a consumer that belongs to no group (it commits nothing and takes no partition from the
 * delivering consumer), on a daemon thread of its own: every poll's records go to a handler. While Kafka is away
 * longer than the client's timeouts it keeps its position, logs {@code event=<name>_failed}, waits (the wait
 * doubling from {@code firstBackoff} up to {@code maxBackoff}) and polls again, so it never ends while the
 * process lives. The caller assigns and positions the consumer before {@link #start()}; {@link #close()} stops
 * the thread and closes the consumer. The operator feed and the console's feeds are such followers.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);

    private final Consumer<String, byte[]> consumer;
    private final String name;
    private final Duration poll;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final java.util.function.Consumer<ConsumerRecords<String, byte[]>> handler;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long failures;

    /**
     * {@code name}: the thread's name and the failure event's ({@code event=<name>_failed}); {@code poll}: how long
     * one poll waits for records.
     */
    public TopicFollower(Consumer<String, byte[]> consumer, String name, Duration poll, Duration firstBackoff,
                         Duration maxBackoff, java.util.function.Consumer<ConsumerRecords<String, byte[]>> handler) {
        this.consumer = consumer;
        this.name = name;
        this.poll = poll;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.handler = handler;
        this.thread = new Thread(this::run, "firebreak-" + name.replace('_', '-'));
        this.thread.setDaemon(true);
    }

    /** Starts following from the consumer's current positions. */
    public void start() {
        thread.start();
    }

    /** True while the follower's thread runs. */
    public boolean running() {
        return thread.isAlive();
    }

    /** Polls that failed and were retried since start. */
    public long failures() {
        return failures;
    }

    private void run() {
        Duration backoff = firstBackoff;
        try {
            while (!stopping) {
                try {
                    handler.accept(consumer.poll(poll));
                    backoff = firstBackoff;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    failures++;
                    LOG.warn("event={}_failed retry_in_ms={} failures={} error=\"{}\"", name, backoff.toMillis(), failures,
                            e.getMessage());
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(POLL_TIMEOUT);
        }
    }

    @Override
    public void close() {
        stopping = true;
        if (!thread.isAlive()) {
            consumer.close(POLL_TIMEOUT);
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
