package io.firebreak.alerting;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serial lanes over one thread pool: the jobs of one lane run one after another in the order given (a
 * release never overtakes its request), and lanes never wait for each other, so a dead drain target holds
 * up only its own lane, never another target's or another room's. A lane's thread is taken from the pool
 * when it has work and given back when its queue is empty.
 */
final class DeliveryLanes {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLanes.class);

    private final ExecutorService pool;
    private final Map<String, Deque<Runnable>> queues = new HashMap<>();

    DeliveryLanes(ExecutorService pool) {
        this.pool = pool;
    }

    /** Runs {@code job} on lane {@code lane}, after every job given to that lane before it. */
    void submit(String lane, Runnable job) {
        synchronized (queues) {
            Deque<Runnable> queue = queues.get(lane);
            if (queue != null) {
                queue.add(job);
                return;
            }
            queue = new ArrayDeque<>();
            queue.add(job);
            queues.put(lane, queue);
        }
        pool.execute(() -> drain(lane));
    }

    /** Jobs queued or running, over every lane. */
    int size() {
        synchronized (queues) {
            return queues.values().stream().mapToInt(Deque::size).sum();
        }
    }

    private void drain(String lane) {
        while (true) {
            Runnable job;
            synchronized (queues) {
                job = queues.get(lane).peek();
            }
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.error("event=delivery_job_failed lane={} error=\"{}\"", lane, e.getMessage(), e);
            }
            synchronized (queues) {
                Deque<Runnable> queue = queues.get(lane);
                queue.poll();
                if (queue.isEmpty()) {
                    queues.remove(lane);
                    return;
                }
            }
        }
    }
}
