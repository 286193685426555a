package io.firebreak.alerting;

import io.firebreak.alerting.console.ConsoleLinks;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.inventory.DrainTarget;
import io.firebreak.telemetry.inventory.Secret;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.net.URI;
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
 * @param dryRun        sign, log and audit, but send nothing
 * @param warningCountdown how long after a WARNING alert an operator may approve (or veto) an early drain
 * @param maxHallsWithoutApproval most halls of the site drained at once before a person must approve more
 * @param allClearPeriod how long a drained room's alert must stay resolved before drain.released goes out
 * @param escalationAfter how long a critical page may stay unacknowledged before it goes to the next level
 * @param escalationRoutingKey the next level's Events v2 routing key; null sends escalations to the facility key
 * @param operatorHost  the address the operator HTTP endpoint binds to
 * @param operatorPort  the operator HTTP endpoint's port; 0 runs none
 * @param operatorAccess who may use the operator endpoint and how (tokens, client certificates, roles per site,
 *                      origins, host names, TLS); {@link OperatorAccess#none()} refuses every request
 * @param consoleUrl    where people reach the operator console ({@code alerting.console_url}); pages and webhooks link
 *                      to the incident's page under it; null: no links
 */
public record AlertingConfig(KafkaSettings kafka, String groupId, SiteInventory inventory, Duration targetTimeout,
                             int maxAttempts, Duration maxBackoff, boolean dryRun, Duration warningCountdown,
                             int maxHallsWithoutApproval, Duration allClearPeriod, Duration escalationAfter,
                             Secret escalationRoutingKey, String operatorHost, int operatorPort,
                             OperatorAccess operatorAccess, URI consoleUrl) {

    public static final String DEFAULT_GROUP_ID = "firebreak-alerting";
    public static final Duration DEFAULT_TARGET_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);

    public static final Duration DEFAULT_WARNING_COUNTDOWN = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_HALLS_WITHOUT_APPROVAL = 6;
    public static final Duration DEFAULT_ALL_CLEAR_PERIOD = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ESCALATION_AFTER = Duration.ofMinutes(5);
    public static final String DEFAULT_OPERATOR_HOST = "127.0.0.1";

    private static final Duration LONGEST = Duration.ofMinutes(5);
    private static final Duration LONGEST_PERIOD = Duration.ofDays(1);
    private static final int MOST_ATTEMPTS = 20;

    /** The original settings; the safety, escalation and operator settings take their defaults (no operator endpoint). */
    public AlertingConfig(KafkaSettings kafka, String groupId, SiteInventory inventory, Duration targetTimeout,
                          int maxAttempts, Duration maxBackoff, boolean dryRun) {
        this(kafka, groupId, inventory, targetTimeout, maxAttempts, maxBackoff, dryRun, DEFAULT_WARNING_COUNTDOWN,
                DEFAULT_MAX_HALLS_WITHOUT_APPROVAL, DEFAULT_ALL_CLEAR_PERIOD, DEFAULT_ESCALATION_AFTER, null,
                DEFAULT_OPERATOR_HOST, 0, OperatorAccess.none(), null);
    }

    /** All settings but the operator access, which refuses everyone. */
    public AlertingConfig(KafkaSettings kafka, String groupId, SiteInventory inventory, Duration targetTimeout,
                          int maxAttempts, Duration maxBackoff, boolean dryRun, Duration warningCountdown,
                          int maxHallsWithoutApproval, Duration allClearPeriod, Duration escalationAfter,
                          Secret escalationRoutingKey, String operatorHost, int operatorPort) {
        this(kafka, groupId, inventory, targetTimeout, maxAttempts, maxBackoff, dryRun, warningCountdown,
                maxHallsWithoutApproval, allClearPeriod, escalationAfter, escalationRoutingKey, operatorHost, operatorPort,
                OperatorAccess.none(), null);
    }

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
        requirePeriod(warningCountdown, "alerting.warning_countdown");
        if (maxHallsWithoutApproval < 1) {
            throw new IllegalArgumentException("alerting.max_halls_without_approval: must be >= 1, was " + maxHallsWithoutApproval);
        }
        requirePeriod(allClearPeriod, "alerting.all_clear");
        requirePeriod(escalationAfter, "alerting.escalation_after");
        if (operatorHost == null || operatorHost.isBlank()) {
            throw new IllegalArgumentException("alerting.operator_host: is required");
        }
        if (operatorPort < 0 || operatorPort > 65535) {
            throw new IllegalArgumentException("alerting.operator_port: must be between 0 (off) and 65535, was " + operatorPort);
        }
        if (operatorAccess == null) {
            operatorAccess = OperatorAccess.none();
        }
        ConsoleLinks.at(consoleUrl); // refuses, naming alerting.console_url, a URL no browser can open
        for (DrainTarget target : inventory.drainTargets()) {
            try {
                new WebhookSigner(target.signingSecrets());
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
        return new AlertingConfig(kafka, newGroupId, inventory, targetTimeout, maxAttempts, maxBackoff, dryRun,
                warningCountdown, maxHallsWithoutApproval, allClearPeriod, escalationAfter, escalationRoutingKey,
                operatorHost, operatorPort, operatorAccess, consoleUrl);
    }

    public AlertingConfig withRetries(Duration newTargetTimeout, int newMaxAttempts, Duration newMaxBackoff) {
        return new AlertingConfig(kafka, groupId, inventory, newTargetTimeout, newMaxAttempts, newMaxBackoff, dryRun,
                warningCountdown, maxHallsWithoutApproval, allClearPeriod, escalationAfter, escalationRoutingKey,
                operatorHost, operatorPort, operatorAccess, consoleUrl);
    }

    public AlertingConfig withDryRun(boolean newDryRun) {
        return new AlertingConfig(kafka, groupId, inventory, targetTimeout, maxAttempts, maxBackoff, newDryRun,
                warningCountdown, maxHallsWithoutApproval, allClearPeriod, escalationAfter, escalationRoutingKey,
                operatorHost, operatorPort, operatorAccess, consoleUrl);
    }

    /** The warning countdown and the blast-radius guard. */
    public AlertingConfig withSafety(Duration newWarningCountdown, int newMaxHallsWithoutApproval) {
        return new AlertingConfig(kafka, groupId, inventory, targetTimeout, maxAttempts, maxBackoff, dryRun,
                newWarningCountdown, newMaxHallsWithoutApproval, allClearPeriod, escalationAfter, escalationRoutingKey,
                operatorHost, operatorPort, operatorAccess, consoleUrl);
    }

    public AlertingConfig withAllClear(Duration newAllClearPeriod) {
        return new AlertingConfig(kafka, groupId, inventory, targetTimeout, maxAttempts, maxBackoff, dryRun,
                warningCountdown, maxHallsWithoutApproval, newAllClearPeriod, escalationAfter, escalationRoutingKey,
                operatorHost, operatorPort, operatorAccess, consoleUrl);
    }

    /** Escalation after {@code after} to {@code routingKey} (null: the facility key). */
    public AlertingConfig withEscalation(Duration after, Secret routingKey) {
        return new AlertingConfig(kafka, groupId, inventory, targetTimeout, maxAttempts, maxBackoff, dryRun,
                warningCountdown, maxHallsWithoutApproval, allClearPeriod, after, routingKey, operatorHost, operatorPort,
                operatorAccess, consoleUrl);
    }

    /** The operator HTTP endpoint on {@code host}:{@code port}; port 0 runs none. */
    public AlertingConfig withOperatorApi(String host, int port) {
        return new AlertingConfig(kafka, groupId, inventory, targetTimeout, maxAttempts, maxBackoff, dryRun,
                warningCountdown, maxHallsWithoutApproval, allClearPeriod, escalationAfter, escalationRoutingKey,
                host, port, operatorAccess, consoleUrl);
    }

    /** Who may use the operator endpoint, and over what (tokens, certificates, roles, TLS). */
    public AlertingConfig withOperatorAccess(OperatorAccess access) {
        return new AlertingConfig(kafka, groupId, inventory, targetTimeout, maxAttempts, maxBackoff, dryRun,
                warningCountdown, maxHallsWithoutApproval, allClearPeriod, escalationAfter, escalationRoutingKey,
                operatorHost, operatorPort, access, consoleUrl);
    }

    /** Links to the console's incident pages under {@code url} ({@code alerting.console_url}); null: none. */
    public AlertingConfig withConsoleUrl(URI url) {
        return new AlertingConfig(kafka, groupId, inventory, targetTimeout, maxAttempts, maxBackoff, dryRun,
                warningCountdown, maxHallsWithoutApproval, allClearPeriod, escalationAfter, escalationRoutingKey,
                operatorHost, operatorPort, operatorAccess, url);
    }

    /** Where pages and webhooks link to: the console's incident pages, or none. */
    public ConsoleLinks consoleLinks() {
        return ConsoleLinks.at(consoleUrl);
    }

    /** The routing key escalations go to. */
    public Secret escalationKey() {
        return escalationRoutingKey != null ? escalationRoutingKey : inventory.pager().facilityRoutingKey();
    }

    /** The retry policy these settings describe. */
    public RetryPolicy retryPolicy() {
        return RetryPolicy.of(maxAttempts, maxBackoff, targetTimeout);
    }

    private static void requirePeriod(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(LONGEST_PERIOD) > 0) {
            throw new IllegalArgumentException(key + ": must be a duration above 0 and at most 24 hours, was " + value);
        }
    }

    private static void requireBetween(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(key + ": must be a duration above 0 and at most 5 minutes, was " + value);
        }
    }
}
