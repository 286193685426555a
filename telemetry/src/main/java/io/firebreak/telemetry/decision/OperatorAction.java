package io.firebreak.telemetry.decision;

import java.util.Objects;
import java.util.Set;

/**
 * A person's action on a drain decision or an alert, recorded on {@code firebreak.operator.v1} (keyed by
 * room, {@code site/room}) so that it is durable and every alerting instance applies it.
 *
 * @param id       unique per action, e.g. {@code op_...}
 * @param action   {@code ack} (an alert's page), {@code approve} (a held decision, or a warning alert's early
 *                 drain), {@code veto} (a warning alert's early drain), {@code release} (a drained room) or
 *                 {@code takeover} (a drain decision whose webhook no target accepted: a person delivers it by
 *                 other means, so alerting stops retrying it)
 * @param subject  the decision id or alert id acted on
 * @param site     the site of the subject
 * @param room     the room of the subject
 * @param operator who acted, as given by the person or the CLI
 * @param note     free text; may be empty
 * @param at       wall clock of the action, epoch ms
 */
public record OperatorAction(String id, String action, String subject, String site, String room, String operator,
                             String note, long at) {

    public static final String ACK = "ack";
    public static final String APPROVE = "approve";
    public static final String VETO = "veto";
    public static final String RELEASE = "release";
    public static final String TAKEOVER = "takeover";

    private static final Set<String> ACTIONS = Set.of(ACK, APPROVE, VETO, RELEASE, TAKEOVER);

    public OperatorAction {
        requireText(id, "id");
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action: must be ack, approve, veto, release or takeover, was " + action);
        }
        requireText(subject, "subject");
        requireText(site, "site");
        requireText(room, "room");
        requireText(operator, "operator");
        note = Objects.requireNonNullElse(note, "");
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
    }
}
