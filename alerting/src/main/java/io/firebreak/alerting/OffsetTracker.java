package io.firebreak.alerting;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which polled records are still being delivered, so the loop keeps polling while deliveries retry and
 * still commits only what is done: per partition, the committable offset is the lowest record not yet
 * done (or one past the last record seen when all are done). A record still retrying after a crash is
 * read again from there, with its ids unchanged.
 */
final class OffsetTracker {

    /**
     * One polled record's deliveries: done when every one of them is. Cancelled when the group moves its
     * partition to another instance, which delivers it from the last commit.
     */
    static final class Ticket {
        private final OffsetTracker tracker;
        private final TopicPartition partition;
        private final long offset;
        private final AtomicInteger remaining = new AtomicInteger(1);
        private final long readAt = System.currentTimeMillis();
        private volatile boolean cancelled;

        private Ticket(OffsetTracker tracker, TopicPartition partition, long offset) {
            this.tracker = tracker;
            this.partition = partition;
            this.offset = offset;
        }

        /** One more delivery belongs to this record; call before the record's {@link #done()}. */
        void add() {
            remaining.incrementAndGet();
        }

        /** One of this record's deliveries (or its handling) is over. */
        void done() {
            if (remaining.decrementAndGet() == 0) {
                tracker.finished(this);
            }
        }

        boolean cancelled() {
            return cancelled;
        }

        /** Wall clock when the record was polled, epoch ms. */
        long readAt() {
            return readAt;
        }
    }

    private final Map<TopicPartition, TreeMap<Long, Ticket>> open = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** {@code offset} of {@code partition} was polled; its handling holds the ticket until {@link Ticket#done()}. */
    synchronized Ticket started(TopicPartition partition, long offset) {
        Ticket ticket = new Ticket(this, partition, offset);
        open.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, ticket);
        next.merge(partition, offset + 1, Math::max);
        return ticket;
    }

    private synchronized void finished(Ticket ticket) {
        TreeMap<Long, Ticket> pending = open.get(ticket.partition);
        if (pending != null && pending.get(ticket.offset) == ticket) {
            pending.remove(ticket.offset);
        }
    }

    /** The offsets to commit now: only partitions that moved since they were last committed. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((partition, end) -> {
            TreeMap<Long, Ticket> pending = open.get(partition);
            long offset = pending == null || pending.isEmpty() ? end : pending.firstKey();
            if (!Long.valueOf(offset).equals(committed.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return offsets;
    }

    /** {@code offsets} were committed. */
    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, meta) -> committed.put(partition, meta.offset()));
    }

    /** Records polled and not yet done, over every partition. */
    synchronized int inFlight() {
        return open.values().stream().mapToInt(TreeMap::size).sum();
    }

    /** The group took {@code partitions} away: their deliveries stop, their new owner reads them from the last commit. */
    synchronized void revoked(Collection<TopicPartition> partitions) {
        for (TopicPartition p : partitions) {
            TreeMap<Long, Ticket> pending = open.remove(p);
            if (pending != null) {
                pending.values().forEach(t -> t.cancelled = true);
            }
            next.remove(p);
            committed.remove(p);
        }
    }
}
