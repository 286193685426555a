package io.firebreak.alerting;

import java.util.HashSet;
import java.util.Set;

/**
 * What {@code firebreak.decisions.v1} shows of the operator actions' effects, read on start: which decisions are
 * on the topic at all, and which were published to carry out an operator action (their
 * {@link KafkaOutbox#CAUSED_BY} header). {@link SafetyRules#reconcile} publishes only the effects missing here:
 * an action recorded while alerting was down, or just before a crash took the effect with it.
 */
final class OperatorEffects {

    private final Set<String> onTopic = new HashSet<>();
    private final Set<String> carriedOut = new HashSet<>();

    /** {@code decisionId} is on the topic; {@code causedBy} is the operator action it carries out, or null. */
    synchronized void seen(String decisionId, String causedBy) {
        onTopic.add(decisionId);
        if (causedBy != null) {
            carriedOut.add(decisionId);
        }
    }

    /** True when decision {@code decisionId} is on the topic, whoever published it. */
    synchronized boolean onTopic(String decisionId) {
        return onTopic.contains(decisionId);
    }

    /** True when decision {@code decisionId} was published again to carry out an operator action (an approval). */
    synchronized boolean carriedOut(String decisionId) {
        return carriedOut.contains(decisionId);
    }
}
