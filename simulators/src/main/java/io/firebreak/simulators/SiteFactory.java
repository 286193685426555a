package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.PagerRouting;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Site inventories built in code, for scale runs: {@link #generated(int)} makes a site of about that
 * many cells as rooms of up to 64 racks of 8 modules x 14 cells with 4 probes each (the shape of the
 * Pangyo example), each room with two zones, two aspirating detectors, an inlet reference, a fire panel,
 * two UPS and a gateway, feeding its own data hall.
 */
public final class SiteFactory {

    static final int CELLS_PER_MODULE = 14;
    static final int MODULES_PER_RACK = 8;
    static final int RACKS_PER_ROOM = 64;

    private SiteFactory() {
    }

    /** A site of at least {@code cells} cells (rounded up to whole racks), id {@code gen-site}. */
    public static SiteInventory generated(int cells) {
        if (cells < 1) {
            throw new IllegalArgumentException("cells: must be at least 1, was " + cells);
        }
        int rackCells = MODULES_PER_RACK * CELLS_PER_MODULE;
        int racks = (cells + rackCells - 1) / rackCells;
        List<Room> rooms = new ArrayList<>();
        for (int r = 0; racks > 0; r++) {
            int here = Math.min(RACKS_PER_ROOM, racks);
            racks -= here;
            rooms.add(room(r + 1, here));
        }
        Map<String, List<String>> halls = new java.util.HashMap<>();
        rooms.forEach(room -> halls.put(room.feeds().get(0), List.of("tenant-" + room.id())));
        return new SiteInventory("gen-site", "Generated site", rooms, halls, List.of(),
                new PagerRouting(URI.create("http://127.0.0.1:1/pager"), null, Map.of()));
    }

    private static Room room(int index, int racks) {
        String id = String.format("R%02d", index);
        List<Rack> rackList = new ArrayList<>();
        for (int k = 0; k < racks; k++) {
            rackList.add(new Rack(String.format("%s-%02d", id, k + 1), id + (k < (racks + 1) / 2 ? "-1" : "-2"),
                    MODULES_PER_RACK, CELLS_PER_MODULE, 4));
        }
        return new Room(id, "Generated room " + index, "gw-" + id, List.of("hall-" + id), rackList,
                List.of(new Room.EnvSensor("asd-" + id + "-1", id + "-1"), new Room.EnvSensor("asd-" + id + "-2", id + "-2"),
                        new Room.EnvSensor("inlet-" + id, id + "-inlet")),
                List.of(new Room.FirePanel("fp-" + id, List.of(id + "-UPS", id + "-1", id + "-2"))),
                List.of(new Room.PowerDevice("ups-" + id + "-a", "ups"), new Room.PowerDevice("ups-" + id + "-b", "ups")));
    }
}
