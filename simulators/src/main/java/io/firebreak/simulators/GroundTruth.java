package io.firebreak.simulators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * What really happens in a scenario, in event time (epoch ms; null when it does not happen), and what a
 * correct system does about it.
 *
 * @param faultOnset    when the fault (or the benign look-alike) begins
 * @param ignition      when the first cell runs away or the fire starts
 * @param powerLoss     the first UPS output lost
 * @param roomDark      the room's gateway goes offline because the room lost power
 * @param drainExpected true when a correct system drains the affected room's halls
 * @param drainBy       the latest event time a drain is useful (the power loss), or null
 * @param firstVent     the first cell vent (electrolyte vapour)
 * @param runaway       the first cell in thermal runaway
 * @param fire          the fire panel's alarm
 * @param expected      what a correct system does, in words ({@code drain before power loss}, {@code no drain})
 * @param firstVisible  the first time a sensor of the room could have seen the fault, judged on what the
 *                      simulator published (see {@link Visibility}); null if never or not observed
 * @param visibleBy     what showed it, e.g. {@code cell voltage B3-battery/3F-4/M08 c5 41 mV below module median}
 */
public record GroundTruth(String scenario, String room, Long faultOnset, Long ignition, Long powerLoss, Long roomDark,
                          boolean drainExpected, Long drainBy, Long firstVent, Long runaway, Long fire, String expected,
                          Long firstVisible, String visibleBy) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The ground truth with stage times but without visibility. */
    public GroundTruth(String scenario, String room, Long faultOnset, Long ignition, Long powerLoss, Long roomDark,
                       boolean drainExpected, Long drainBy, Long firstVent, Long runaway, Long fire, String expected) {
        this(scenario, room, faultOnset, ignition, powerLoss, roomDark, drainExpected, drainBy, firstVent, runaway, fire,
                expected, null, null);
    }

    /** The ground truth of the first library version, without the stage times. */
    public GroundTruth(String scenario, String room, Long faultOnset, Long ignition, Long powerLoss, Long roomDark,
                       boolean drainExpected, Long drainBy) {
        this(scenario, room, faultOnset, ignition, powerLoss, roomDark, drainExpected, drainBy, null, null, null,
                drainExpected ? "drain before power loss" : "no drain");
    }

    /** A benign look-alike in {@code room} from {@code onset}: a correct system does not drain. */
    public static GroundTruth benign(String scenario, String room, Long onset) {
        return new GroundTruth(scenario, room, onset, null, null, null, false, null, null, null, null, "no drain");
    }

    /** This ground truth with the stage times a simulation observed. */
    GroundTruth withObserved(EventLog log) {
        Long ignitionAt = ignition != null ? ignition : log.runaway != null ? log.runaway : log.fire;
        Long loss = powerLoss != null ? powerLoss : log.powerLoss;
        return new GroundTruth(scenario, room != null ? room : log.room, faultOnset, ignitionAt, loss,
                roomDark != null ? roomDark : log.roomDark, drainExpected, drainExpected ? (drainBy != null ? drainBy : loss) : null,
                firstVent != null ? firstVent : log.firstVent, runaway != null ? runaway : log.runaway,
                fire != null ? fire : log.fire, expected,
                firstVisible != null ? firstVisible : log.firstVisible, firstVisible != null ? visibleBy : log.visibleBy);
    }

    /** One JSON object, times in epoch ms (null when they do not happen): the ground-truth file of a run. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode().put("scenario", scenario).put("room", room);
        o.put("fault_onset", faultOnset).put("ignition", ignition).put("first_vent", firstVent).put("runaway", runaway)
                .put("fire", fire).put("power_loss", powerLoss).put("room_dark", roomDark)
                .put("drain_expected", drainExpected).put("drain_by", drainBy).put("expected", expected)
                .put("first_visible", firstVisible).put("visible_by", visibleBy);
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
