package io.firebreak.simulators;

/**
 * The first time each stage of an incident happened in a simulation (event time, null if never): the
 * physics reports vents and runaways, the fire response its alarm, and the simulator the first lost UPS
 * output and the room going dark, and {@link Visibility} when a sensor could first have seen the fault.
 * Ground truth of physics-driven scenarios is read from here.
 */
final class EventLog {

    String room;
    Long firstVent;
    Long runaway;
    Long fire;
    Long powerLoss;
    Long roomDark;
    Long firstVisible;
    String visibleBy;

    void vent(String roomId, long ts) {
        if (firstVent == null) {
            firstVent = ts;
            room = room == null ? roomId : room;
        }
    }

    void runaway(String roomId, long ts) {
        if (runaway == null) {
            runaway = ts;
            room = room == null ? roomId : room;
        }
    }

    void fire(String roomId, long ts) {
        if (fire == null) {
            fire = ts;
            room = room == null ? roomId : room;
        }
    }

    void powerLoss(long ts) {
        if (powerLoss == null) {
            powerLoss = ts;
        }
    }

    void dark(long ts) {
        if (roomDark == null) {
            roomDark = ts;
        }
    }

    void visible(long ts, String by) {
        if (firstVisible == null) {
            firstVisible = ts;
            visibleBy = by;
        }
    }
}
