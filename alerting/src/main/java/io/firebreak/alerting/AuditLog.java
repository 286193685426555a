package io.firebreak.alerting;

import io.firebreak.telemetry.decision.DeliveryAttempt;

/**
 * Where every delivery attempt and its answer is recorded ({@code firebreak.audit.v1} in the service).
 * Recording must not block or fail a delivery.
 */
@FunctionalInterface
public interface AuditLog {

    /** Records nothing: for unit tests and tools. */
    AuditLog NONE = attempt -> { };

    void record(DeliveryAttempt attempt);
}
