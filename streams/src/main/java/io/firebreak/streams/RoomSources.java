package io.firebreak.streams;

import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;

/**
 * Which readings partitions feed each room: those its racks' and its room sensors' keys hash to, as
 * Kafka's default partitioner places them. A room's decider waits for all of them before it acts on the
 * room's first events, so a partition read late cannot make its events late.
 */
final class RoomSources {

    private final SiteInventory inventory;
    private final int partitions;

    RoomSources(SiteInventory inventory, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("readings partitions: must be >= 1, was " + partitions);
        }
        this.inventory = inventory;
        this.partitions = partitions;
    }

    /** The source names (as {@link Signal#source()}) feeding room {@code roomKey}; empty for a room not in the inventory. */
    Set<String> of(String roomKey) {
        Set<String> sources = new TreeSet<>();
        String[] siteRoom = roomKey.split("/", 2);
        if (siteRoom.length < 2 || !siteRoom[0].equals(inventory.site())) {
            return sources;
        }
        Room room = inventory.room(siteRoom[1]).orElse(null);
        if (room == null) {
            return sources;
        }
        sources.add(name(roomKey));
        for (Rack rack : room.racks()) {
            sources.add(name(roomKey + "/" + rack.id()));
        }
        return sources;
    }

    static String name(int partition) {
        return Topics.READINGS.name() + "-" + partition;
    }

    private String name(String partitionKey) {
        byte[] key = partitionKey.getBytes(StandardCharsets.UTF_8);
        return name(Utils.toPositive(Utils.murmur2(key)) % partitions);
    }
}
