package io.firebreak.alerting;

/**
 * A snapshot of what the alerting service has done since it started. Dry runs are counted nowhere.
 *
 * @param delivered    webhooks a drain target accepted (one per decision and target)
 * @param failed       retry budgets a webhook spent without a 2xx (each one paged; the attempts go on)
 * @param paged        pager events the pager accepted
 * @param pageFailures retry budgets a page spent without the pager taking it (the attempts go on)
 * @param unreadable   Kafka records that could not be read and were skipped
 * @param undelivered  times a drain's webhook and the page about it both kept failing (written to the audit)
 * @param takenOver    webhooks a person took over (operator action {@code takeover}) before any 2xx
 */
public record AlertingCounters(long delivered, long failed, long paged, long pageFailures, long unreadable,
                               long undelivered, long takenOver) {
}
