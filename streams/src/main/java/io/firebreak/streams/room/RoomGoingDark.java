package io.firebreak.streams.room;

import io.firebreak.streams.sensor.DeviceSilence;

/**
 * The room-dark rule: a device that stopped while nothing else in its room spoke after it is the room going
 * dark as a whole, which the room's own silence pages once; its device silence is dropped (not paged once per
 * device). A device silent in a room that still talks is sent again a minute later and opens then.
 */
final class RoomGoingDark {

    private RoomGoingDark() {
    }

    /** True when {@code fault} opens a device's silence that the room's own silence covers. */
    static boolean covers(Signal fault, long roomLastHeard, long silenceMs) {
        return DeviceSilence.opens(fault) && roomLastHeard < DeviceSilence.lastHeard(fault) + silenceMs / 2;
    }
}
