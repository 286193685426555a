package io.firebreak.ingest;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link IngestStats}; updated from the MQTT and Kafka client threads. */
final class IngestCounters {

    final LongAdder received = new LongAdder();
    final LongAdder forwarded = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder sendFailures = new LongAdder();

    IngestStats snapshot() {
        return new IngestStats(received.sum(), forwarded.sum(), deadLettered.sum(), duplicates.sum(), gaps.sum(),
                sendFailures.sum());
    }
}
