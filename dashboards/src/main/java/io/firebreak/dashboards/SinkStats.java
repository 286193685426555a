package io.firebreak.dashboards;

/**
 * A snapshot of the sink's counters since it started.
 *
 * @param pointsWritten  points InfluxDB accepted
 * @param batches        batches written (one per non-empty poll)
 * @param writeFailures  write attempts that failed and were retried
 * @param rejectedBatches batches InfluxDB refused as bad data (field type conflict, unparsable, beyond
 *                       retention); InfluxDB keeps the valid points of such a batch, retrying cannot help
 * @param recordsSkipped records that gave no point: undecodable, tombstones, or nothing to store
 */
public record SinkStats(long pointsWritten, long batches, long writeFailures, long rejectedBatches, long recordsSkipped) {
}
