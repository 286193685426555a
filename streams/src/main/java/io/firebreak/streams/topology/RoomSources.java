package io.firebreak.streams.topology;

import io.firebreak.streams.room.Signal;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;

/**
 * Which input partitions feed each room: the readings partitions its racks' keys hash to, and the priority
 * partition its room key hashes to (its room sensors, panels, power and gateways: the alarm lane), as
 * Kafka's default partitioner places them. A room's decider waits for all of them before it acts on the
 * room's first events, so a partition read late cannot make its events late.
 */
public final class RoomSources {

    private final SiteInventory inventory;
    private final int partitions;
    private final int priorityPartitions;

    RoomSources(SiteInventory inventory, int partitions, int priorityPartitions) {
        if (partitions < 1 || priorityPartitions < 1) {
            throw new IllegalArgumentException("readings and priority partitions: must be >= 1, were " + partitions + " and " + priorityPartitions);
        }
        this.inventory = inventory;
        this.partitions = partitions;
        this.priorityPartitions = priorityPartitions;
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
        sources.add(Topics.PRIORITY.name() + "-" + partitionOf(roomKey, priorityPartitions));
        for (Rack rack : room.racks()) {
            sources.add(name(partitionOf(roomKey + "/" + rack.id(), partitions)));
        }
        return sources;
    }

    static String name(int partition) {
        return Topics.READINGS.name() + "-" + partition;
    }

    private static int partitionOf(String partitionKey, int count) {
        byte[] key = partitionKey.getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % count;
    }
}
