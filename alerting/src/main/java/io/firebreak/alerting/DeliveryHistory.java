package io.firebreak.alerting;

import io.firebreak.telemetry.decision.DeliveryAttempt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What receivers have already taken, rebuilt from {@code firebreak.audit.v1} on start and added to as
 * answers come: a decision read again after a restart is sent only to the targets that never accepted it,
 * and a page only to the recipients that never took it, so "delivered exactly once" holds across crashes
 * (short of a crash between the 2xx and its audit record, when the same ids go out once more).
 */
final class DeliveryHistory {

    private final Set<String> done = ConcurrentHashMap.newKeySet();

    /** Books {@code attempt} if a receiver took it (a 2xx, or a dry run that sent nothing on purpose). */
    void record(DeliveryAttempt attempt) {
        if (attempt.accepted() || "dry_run".equals(attempt.error())) {
            done.add(key(attempt.kind(), attempt.subject(), attempt.target(), attempt.messageId()));
        }
    }

    /** Books a page {@code recipient} took. */
    void record(String dedupKey, String recipient, String action) {
        done.add(key(DeliveryAttempt.PAGE, dedupKey, recipient, action));
    }

    /** Books a webhook {@code target} took. */
    void recordWebhook(String decisionId, String target, String webhookId) {
        done.add(key(DeliveryAttempt.WEBHOOK, decisionId, target, webhookId));
    }

    /** True when {@code target} took the webhook of decision {@code decisionId}. */
    boolean webhookDone(String decisionId, String target, String webhookId) {
        return done.contains(key(DeliveryAttempt.WEBHOOK, decisionId, target, webhookId));
    }

    /** True when {@code recipient} took event {@code action} under {@code dedupKey}. */
    boolean pageDone(String dedupKey, String recipient, String action) {
        return done.contains(key(DeliveryAttempt.PAGE, dedupKey, recipient, action));
    }

    private static String key(String kind, String subject, String target, String messageId) {
        return kind + '\u0000' + subject + '\u0000' + target + '\u0000' + messageId;
    }
}
