package io.firebreak.telemetry.inventory;

import io.firebreak.telemetry.contract.DeviceAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Turns a parsed inventory file into a {@link SiteInventory}, or fails naming file, key and problem. */
final class InventoryValidator {

    private static final int MAX_CELLS_PER_MODULE = 1024;

    private final String file;
    private final Function<String, String> environment;

    InventoryValidator(String file, Function<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    SiteInventory validate(InventoryFile.SiteSpec spec) {
        String site = identifier(spec.site(), "site");
        Map<String, List<String>> halls = halls(spec.halls());
        List<Room> rooms = new ArrayList<>();
        List<InventoryFile.RoomSpec> roomSpecs = required(spec.rooms(), "rooms");
        if (roomSpecs.isEmpty()) {
            throw fail("rooms", "needs at least one room");
        }
        Set<String> roomIds = new HashSet<>();
        for (int i = 0; i < roomSpecs.size(); i++) {
            Room room = room(roomSpecs.get(i), "rooms[" + i + "]", halls);
            if (!roomIds.add(room.id())) {
                throw fail("rooms[" + i + "].id", "duplicate room '" + room.id() + "'");
            }
            rooms.add(room);
        }
        List<DrainTarget> targets = new ArrayList<>();
        List<InventoryFile.TargetSpec> targetSpecs = Objects.requireNonNullElse(spec.drainTargets(), List.of());
        for (int i = 0; i < targetSpecs.size(); i++) {
            targets.add(target(targetSpecs.get(i), "drain_targets[" + i + "]", halls));
        }
        PagerRouting pager = pager(required(spec.pager(), "pager"), halls);
        return new SiteInventory(site, Objects.requireNonNullElse(spec.name(), site), rooms, halls, targets, pager);
    }

    private Map<String, List<String>> halls(Map<String, InventoryFile.HallSpec> specs) {
        Map<String, List<String>> halls = new LinkedHashMap<>();
        for (Map.Entry<String, InventoryFile.HallSpec> e : required(specs, "halls").entrySet()) {
            String key = "halls." + e.getKey();
            identifier(e.getKey(), key);
            List<String> tenants = e.getValue() == null ? List.of() : Objects.requireNonNullElse(e.getValue().tenants(), List.of());
            for (int i = 0; i < tenants.size(); i++) {
                identifier(tenants.get(i), key + ".tenants[" + i + "]");
            }
            halls.put(e.getKey(), List.copyOf(tenants));
        }
        return halls;
    }

    private Room room(InventoryFile.RoomSpec spec, String at, Map<String, List<String>> halls) {
        String id = identifier(spec.id(), at + ".id");
        List<String> feeds = required(spec.feeds(), at + ".feeds");
        for (int i = 0; i < feeds.size(); i++) {
            if (!halls.containsKey(feeds.get(i))) {
                throw fail(at + ".feeds[" + i + "]", "unknown hall '" + feeds.get(i) + "' (declare it under halls)");
            }
        }
        List<Rack> racks = new ArrayList<>();
        List<InventoryFile.RackSpec> rackSpecs = Objects.requireNonNullElse(spec.racks(), List.of());
        Set<String> rackIds = new HashSet<>();
        for (int i = 0; i < rackSpecs.size(); i++) {
            for (Rack rack : racks(rackSpecs.get(i), at + ".racks[" + i + "]")) {
                if (!rackIds.add(rack.id())) {
                    throw fail(at + ".racks[" + i + "]", "duplicate rack '" + rack.id() + "'");
                }
                racks.add(rack);
            }
        }
        List<Room.EnvSensor> sensors = new ArrayList<>();
        List<InventoryFile.SensorSpec> sensorSpecs = Objects.requireNonNullElse(spec.envSensors(), List.of());
        for (int i = 0; i < sensorSpecs.size(); i++) {
            String key = at + ".env_sensors[" + i + "]";
            sensors.add(new Room.EnvSensor(identifier(sensorSpecs.get(i).id(), key + ".id"),
                    Objects.requireNonNullElse(sensorSpecs.get(i).zone(), id)));
        }
        List<Room.FirePanel> panels = new ArrayList<>();
        List<InventoryFile.PanelSpec> panelSpecs = Objects.requireNonNullElse(spec.firePanels(), List.of());
        for (int i = 0; i < panelSpecs.size(); i++) {
            String key = at + ".fire_panels[" + i + "]";
            panels.add(new Room.FirePanel(identifier(panelSpecs.get(i).id(), key + ".id"),
                    Objects.requireNonNullElse(panelSpecs.get(i).zones(), List.of())));
        }
        List<Room.PowerDevice> devices = new ArrayList<>();
        List<InventoryFile.DeviceSpec> deviceSpecs = Objects.requireNonNullElse(spec.powerDevices(), List.of());
        for (int i = 0; i < deviceSpecs.size(); i++) {
            String key = at + ".power_devices[" + i + "]";
            devices.add(new Room.PowerDevice(identifier(deviceSpecs.get(i).id(), key + ".id"),
                    Objects.requireNonNullElse(deviceSpecs.get(i).kind(), "ups")));
        }
        String gateway = spec.gateway() == null ? null : identifier(spec.gateway(), at + ".gateway");
        Chemistry chemistry = chemistry(spec.chemistry(), at + ".chemistry");
        racks.replaceAll(rack -> rack.inheriting(chemistry));
        return new Room(id, Objects.requireNonNullElse(spec.name(), id), gateway, feeds, racks, sensors, panels, devices);
    }

    private List<Rack> racks(InventoryFile.RackSpec spec, String at) {
        if ((spec.id() == null) == (spec.ids() == null)) {
            throw fail(at, "give exactly one of id or ids");
        }
        int modules = range(spec.modules(), at + ".modules", 1, 256);
        int cells = range(spec.cellsPerModule(), at + ".cells_per_module", 1, MAX_CELLS_PER_MODULE);
        int probes = range(spec.probesPerModule(), at + ".probes_per_module", 1, cells);
        List<String> moduleIds = moduleIds(spec, modules, at);
        Chemistry chemistry = chemistry(spec.chemistry(), at + ".chemistry");
        List<String> ids = spec.id() != null ? List.of(spec.id()) : spec.ids();
        List<Rack> racks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String key = spec.id() != null ? at + ".id" : at + ".ids[" + i + "]";
            racks.add(new Rack(identifier(ids.get(i), key), spec.zone(), modules, cells, probes, moduleIds, chemistry));
        }
        return racks;
    }

    /** The modules' topic ids: listed, from a pattern, or the default M01, M02, ...; null for the default. */
    private List<String> moduleIds(InventoryFile.RackSpec spec, int modules, String at) {
        if (spec.moduleIds() != null && spec.modulePattern() != null) {
            throw fail(at, "give at most one of module_ids or module_pattern");
        }
        List<String> ids;
        if (spec.moduleIds() != null) {
            ids = spec.moduleIds();
            if (ids.size() != modules) {
                throw fail(at + ".module_ids", "lists " + ids.size() + " modules, the rack has " + modules);
            }
        } else if (spec.modulePattern() != null) {
            try {
                ids = Rack.moduleIdsOf(spec.modulePattern(), modules);
            } catch (IllegalArgumentException e) {
                throw fail(at + ".module_pattern", "must contain {n} (1, 2, ...) or {n:02} (01, 02, ...), was '" + spec.modulePattern() + "'");
            }
        } else {
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String key = spec.moduleIds() != null ? at + ".module_ids[" + i + "]" : at + ".module_pattern";
            identifier(ids.get(i), key);
            if (!seen.add(ids.get(i))) {
                throw fail(key, "duplicate module '" + ids.get(i) + "'");
            }
        }
        return ids;
    }

    private Chemistry chemistry(String text, String key) {
        if (text == null) {
            return null;
        }
        try {
            return Chemistry.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    private DrainTarget target(InventoryFile.TargetSpec spec, String at, Map<String, List<String>> halls) {
        String id = identifier(spec.id(), at + ".id");
        URI url = httpUrl(spec.url(), at + ".url");
        Secret secret = webhookSecret(secret(spec.secret(), spec.secretEnv(), at + ".secret"), at + ".secret");
        // a key rollover: both secrets sign every webhook until the receiver has switched
        Secret next = spec.nextSecret() == null && spec.nextSecretEnv() == null ? null
                : webhookSecret(secret(spec.nextSecret(), spec.nextSecretEnv(), at + ".next_secret"), at + ".next_secret");
        List<String> targetHalls = Objects.requireNonNullElse(spec.halls(), List.of());
        for (int i = 0; i < targetHalls.size(); i++) {
            if (!halls.containsKey(targetHalls.get(i))) {
                throw fail(at + ".halls[" + i + "]", "unknown hall '" + targetHalls.get(i) + "'");
            }
        }
        List<String> tenants = Objects.requireNonNullElse(spec.tenants(), List.of());
        if (targetHalls.isEmpty() && tenants.isEmpty()) {
            throw fail(at, "a drain target needs halls or tenants, or it never receives a decision");
        }
        return new DrainTarget(id, url, secret, targetHalls, tenants, next);
    }

    private Secret webhookSecret(Secret secret, String key) {
        if (!secret.reveal().startsWith("whsec_")) {
            throw fail(key, "a Standard Webhooks secret starts with whsec_");
        }
        try {
            java.util.Base64.getDecoder().decode(secret.reveal().substring("whsec_".length()));
        } catch (IllegalArgumentException e) {
            throw fail(key, "the part after whsec_ must be base64");
        }
        return secret;
    }

    private PagerRouting pager(InventoryFile.PagerSpec spec, Map<String, List<String>> halls) {
        URI url = httpUrl(spec.url(), "pager.url");
        Secret facility = secret(spec.routingKey(), spec.routingKeyEnv(), "pager.routing_key");
        Map<String, Secret> tenants = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        halls.values().forEach(known::addAll);
        Objects.requireNonNullElse(spec.tenants(), Map.<String, InventoryFile.TenantPagerSpec>of()).forEach((tenant, route) -> {
            String key = "pager.tenants." + tenant;
            if (!known.contains(tenant)) {
                throw fail(key, "unknown tenant '" + tenant + "' (no hall lists it)");
            }
            if (route == null) {
                throw fail(key, "needs routing_key or routing_key_env");
            }
            tenants.put(tenant, secret(route.routingKey(), route.routingKeyEnv(), key + ".routing_key"));
        });
        return new PagerRouting(url, facility, tenants);
    }

    private Secret secret(String inline, String env, String key) {
        if ((inline == null) == (env == null)) {
            throw fail(key, "give exactly one of " + leaf(key) + " or " + leaf(key) + "_env");
        }
        if (inline != null) {
            return new Secret(inline, "inline");
        }
        String value = environment.apply(env);
        if (value == null || value.isBlank()) {
            throw fail(key + "_env", "environment variable " + env + " is not set");
        }
        return new Secret(value, "env " + env);
    }

    private URI httpUrl(String text, String key) {
        required(text, key);
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw fail(key, "must be an http or https URL, was '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw fail(key, "not a URL: " + e.getMessage());
        }
    }

    private String identifier(String value, String key) {
        required(value, key);
        try {
            DeviceAddress.requireIdentifier(value, leaf(key));
        } catch (IllegalArgumentException e) {
            throw fail(key, "must match " + DeviceAddress.IDENTIFIER.pattern() + ", was '" + value + "'");
        }
        return value;
    }

    private int range(Integer value, String key, int min, int max) {
        required(value, key);
        if (value < min || value > max) {
            throw fail(key, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private <T> T required(T value, String key) {
        if (value == null) {
            throw fail(key, "is required");
        }
        return value;
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
    }

    private InventoryException fail(String key, String problem) {
        return new InventoryException(file + ": " + key + ": " + problem);
    }
}
