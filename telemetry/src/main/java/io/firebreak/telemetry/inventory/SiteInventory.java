package io.firebreak.telemetry.inventory;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated site: its battery rooms, the data halls they feed and who runs there, the drain targets
 * and the pager routing. Load it with {@link InventoryLoader}.
 */
public record SiteInventory(String site, String name, List<Room> rooms, Map<String, List<String>> hallTenants,
                            List<DrainTarget> drainTargets, PagerRouting pager) {

    public SiteInventory {
        rooms = List.copyOf(rooms);
        hallTenants = Map.copyOf(hallTenants);
        drainTargets = List.copyOf(drainTargets);
    }

    public Optional<Room> room(String roomId) {
        return rooms.stream().filter(r -> r.id().equals(roomId)).findFirst();
    }

    /** The data halls a room's UPS feeds; empty for an unknown room. */
    public List<String> hallsFedBy(String roomId) {
        return room(roomId).map(Room::feeds).orElse(List.of());
    }

    /** The tenants running in any of {@code halls}, in inventory order, each once. */
    public List<String> tenantsIn(List<String> halls) {
        Set<String> tenants = new LinkedHashSet<>();
        for (String hall : halls) {
            tenants.addAll(hallTenants.getOrDefault(hall, List.of()));
        }
        return List.copyOf(tenants);
    }

    /** The drain targets a decision with this scope and these tenants goes to. */
    public List<DrainTarget> targetsFor(List<String> scope, List<String> tenants) {
        return drainTargets.stream().filter(t -> t.covers(scope, tenants)).toList();
    }

    public int cells() {
        return rooms.stream().mapToInt(Room::cells).sum();
    }

    /** The same site with every drain target and the pager pointed at {@code base} (for the demo's receiver). */
    public SiteInventory withEndpointsAt(URI base) {
        List<DrainTarget> targets = drainTargets.stream()
                .map(t -> t.withUrl(base.resolve("/drain/" + t.id()))).toList();
        return new SiteInventory(site, name, rooms, hallTenants, targets, pager.withUrl(base.resolve("/pager")));
    }
}
