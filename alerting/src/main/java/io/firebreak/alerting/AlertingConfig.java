package io.firebreak.alerting;

import io.firebreak.telemetry.inventory.DrainTarget;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.time.Duration;

/**
 * Everything the alerting service needs, validated once at start-up: a bad value stops the service
 * with a message naming the key, rather than letting it run half-configured.
 *
 * @param kafka         how to reach Kafka
 * @param groupId       consumer group; its committed offsets say which decisions and alerts were handled
 * @param inventory     drain targets, their secrets and the pager routing
 * @param targetTimeout how long one webhook or pager attempt may take
 * @param maxAttempts   attempts per webhook or page before giving up (and paging, for a webhook)
 * @param maxBackoff    the longest wait between attempts (the doubling starts at 0.5 s)
 * @param dryRun        sign and log, but send nothing
 */
public record AlertingConfig(KafkaSettings kafka, String groupId, SiteInventory inventory, Duration targetTimeout,
                             int maxAttempts, Duration maxBackoff, boolean dryRun) {

    public static final String DEFAULT_GROUP_ID = "firebreak-alerting";
    public static final Duration DEFAULT_TARGET_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);

    private static final Duration LONGEST = Duration.ofMinutes(5);
    private static final int MOST_ATTEMPTS = 20;

    public AlertingConfig {
        if (kafka == null) {
            throw new IllegalArgumentException("alerting.kafka: is required");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("alerting.group_id: is required");
        }
        if (inventory == null) {
            throw new IllegalArgumentException("alerting.inventory: is required");
        }
        if (inventory.pager() == null || inventory.pager().url() == null || inventory.pager().facilityRoutingKey() == null) {
            throw new IllegalArgumentException("alerting.inventory.pager: a url and a facility routing key are required");
        }
        requireBetween(targetTimeout, "alerting.target_timeout");
        if (maxAttempts < 1 || maxAttempts > MOST_ATTEMPTS) {
            throw new IllegalArgumentException("alerting.max_attempts: must be between 1 and " + MOST_ATTEMPTS + ", was " + maxAttempts);
        }
        requireBetween(maxBackoff, "alerting.max_backoff");
        for (DrainTarget target : inventory.drainTargets()) {
            try {
                new WebhookSigner(target.secret());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alerting.inventory.drain_targets[" + target.id() + "]." + e.getMessage(), e);
            }
        }
    }

    /** The defaults: group {@code firebreak-alerting}, 5 s per attempt, 6 attempts, backoff up to 8 s, sending for real. */
    public static AlertingConfig defaults(KafkaSettings kafka, SiteInventory inventory) {
        return new AlertingConfig(kafka, DEFAULT_GROUP_ID, inventory, DEFAULT_TARGET_TIMEOUT, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_MAX_BACKOFF, false);
    }

    public AlertingConfig withGroupId(String newGroupId) {
        return new AlertingConfig(kafka, newGroupId, inventory, targetTimeout, maxAttempts, maxBackoff, dryRun);
    }

    public AlertingConfig withRetries(Duration newTargetTimeout, int newMaxAttempts, Duration newMaxBackoff) {
        return new AlertingConfig(kafka, groupId, inventory, newTargetTimeout, newMaxAttempts, newMaxBackoff, dryRun);
    }

    public AlertingConfig withDryRun(boolean newDryRun) {
        return new AlertingConfig(kafka, groupId, inventory, targetTimeout, maxAttempts, maxBackoff, newDryRun);
    }

    /** The retry policy these settings describe. */
    public RetryPolicy retryPolicy() {
        return RetryPolicy.of(maxAttempts, maxBackoff, targetTimeout);
    }

    private static void requireBetween(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(key + ": must be a duration above 0 and at most 5 minutes, was " + value);
        }
    }
}
