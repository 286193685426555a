package io.firebreak.alerting;

/**
 * A snapshot of what the alerting service has done since it started. Dry runs are counted nowhere.
 *
 * @param delivered    webhooks a drain target accepted (one per decision and target)
 * @param failed       webhooks that were rejected or ran out of attempts (each one paged)
 * @param paged        pager events the pager accepted
 * @param pageFailures pager events the pager never accepted
 * @param unreadable   Kafka records that could not be read and were skipped
 */
public record AlertingCounters(long delivered, long failed, long paged, long pageFailures, long unreadable) {
}
