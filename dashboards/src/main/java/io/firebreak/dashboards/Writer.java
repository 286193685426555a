package io.firebreak.dashboards;

import java.util.List;
import java.util.Map;
import org.influxdb.dto.BatchPoints;

/**
 * Where the sink writes a batch. {@link #write} either stores the whole batch or throws; the sink
 * commits Kafka offsets only after it returned. The InfluxDB implementation is {@link InfluxWriter};
 * tests pass a function that fails on purpose.
 */
@FunctionalInterface
interface Writer extends AutoCloseable {

    /** Writes the batch synchronously; throws when it was not stored. */
    void write(BatchPoints batch);

    /** Creates the database if it is missing; throws when the server cannot be reached. */
    default void ensureDatabase(String database) {
    }

    /**
     * Writes the sink's own {@code pipeline} points, best effort: they are never retried and never hold
     * back Kafka offsets. The default drops them (test writers see only data batches).
     */
    default void writeStats(BatchPoints batch) {
    }

    /** Runs one InfluxQL statement that returns no data (DDL); throws when InfluxDB answers with an error. */
    default void execute(String influxQl) {
    }

    /**
     * Runs one InfluxQL query and returns its rows, each with its series' tags and its columns; throws
     * when InfluxDB answers with an error. The default has no data.
     */
    default List<Map<String, Object>> query(String influxQl) {
        return List.of();
    }

    @Override
    default void close() {
    }
}
