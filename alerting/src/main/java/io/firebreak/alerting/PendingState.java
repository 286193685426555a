package io.firebreak.alerting;

import io.firebreak.telemetry.decision.DrainDecision;
import java.util.List;

/**
 * What waits for a person or a timer, as {@code GET /decisions} shows it.
 *
 * @param drained        drain.requested decisions in force (one per room), not yet released
 * @param held           decisions the blast-radius guard holds until an operator approves (or vetoes) them
 * @param countdowns     warning alerts whose early drain an operator may approve or veto
 * @param unacknowledged ids of critical alerts whose pages wait for an acknowledgement (then escalate)
 * @param allClearRooms  rooms ({@code site/room}) whose alert resolved and whose all-clear period runs
 * @param undelivered    drain.requested decisions admitted whose webhook no target has accepted yet (still retried;
 *                       {@code takeover} stops that)
 */
public record PendingState(List<DrainDecision> drained, List<DrainDecision> held, List<Countdown> countdowns,
                           List<String> unacknowledged, List<String> allClearRooms, List<DrainDecision> undelivered) {

    /**
     * One warning's countdown.
     *
     * @param alertId the warning alert; approve or veto it by this id
     * @param until   RFC 3339 end of the countdown
     */
    public record Countdown(String alertId, String site, String room, String until, boolean vetoed) {
    }
}
