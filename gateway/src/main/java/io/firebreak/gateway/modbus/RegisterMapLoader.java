package io.firebreak.gateway.modbus;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.gateway.ConfigNode;
import io.firebreak.gateway.GatewayConfigException;
import io.firebreak.gateway.YamlTree;
import io.firebreak.telemetry.contract.DeviceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a register map from YAML (a file, or {@code builtin:NAME} for the maps shipped in the jar) and
 * validates it before the gateway starts: every problem names the file and the key, e.g.
 * {@code rack.yaml: points.cell_v.type: must be one of int16, uint16, int32, uint32, float32, was 'int8'}.
 * The format is described in {@code docs/gateway.md}.
 */
public final class RegisterMapLoader {

    /** The maps shipped in the jar, by the name used as {@code builtin:NAME}. */
    public static final List<String> BUILTIN = List.of("sunspec-battery", "generic-rack", "gas-controller");

    private static final Set<String> MAP_KEYS = Set.of("name", "description", "kind", "sunspec", "function", "word_order", "points", "extra");
    private static final Set<String> POINT_KEYS = Set.of("address", "model", "count", "stride", "type", "word_order",
            "function", "scale", "offset", "min", "max", "missing", "scale_factor", "description");

    /** The contract fields a map of each kind may fill, with what the contract accepts (section 2). */
    private static final Map<DeviceKind, Map<String, double[]>> FIELDS = Map.of(
            DeviceKind.BMS, Map.of("cell_v", new double[] {0, 10}, "cell_t", new double[] {-60, 1500},
                    "current_a", new double[] {-100_000, 100_000}, "soc", new double[] {0, 1}),
            DeviceKind.ENV, Map.of("air_t", new double[] {-60, 1500}, "rh", new double[] {0, 100},
                    "h2_ppm", new double[] {0, 1_000_000}, "co_ppm", new double[] {0, 1_000_000},
                    "voc_ppm", new double[] {0, 1_000_000}, "smoke_pct_m", new double[] {0, 100}));
    private static final Set<String> ARRAY_FIELDS = Set.of("cell_v", "cell_t");

    private RegisterMapLoader() {
    }

    /** Loads {@code builtin:NAME} from the jar or a file relative to {@code base}. */
    public static RegisterMap load(String reference, Path base, String configFile, String key) {
        if (reference.startsWith("builtin:")) {
            String name = reference.substring("builtin:".length());
            if (!BUILTIN.contains(name)) {
                throw new GatewayConfigException(configFile + ": " + key + ": no built-in map '" + name + "' (built in: "
                        + String.join(", ", BUILTIN) + ")");
            }
            try (InputStream in = RegisterMapLoader.class.getResourceAsStream("/maps/" + name + ".yaml")) {
                return parse(YamlTree.read(in), "builtin:" + name);
            } catch (IOException e) {
                throw new GatewayConfigException("builtin:" + name + ": cannot read: " + e.getMessage());
            }
        }
        Path file = base == null ? Path.of(reference) : base.resolve(reference);
        if (!Files.isRegularFile(file)) {
            throw new GatewayConfigException(configFile + ": " + key + ": register map " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(YamlTree.read(in), file.toString());
        } catch (IOException e) {
            throw new GatewayConfigException(file + ": not valid YAML: " + e.getMessage().split("\n")[0]);
        }
    }

    static RegisterMap parse(JsonNode root, String file) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new GatewayConfigException(file + ": the file is empty");
        }
        ConfigNode map = new ConfigNode(file, "", root).only(MAP_KEYS);
        String name = map.requiredString("name");
        DeviceKind kind = DeviceKind.fromSegment(map.requiredString("kind"));
        if (kind != DeviceKind.BMS && kind != DeviceKind.ENV) {
            throw map.problem("kind", "must be bms (a rack controller) or env (a gas or smoke controller), was '" + map.string("kind", "") + "'");
        }
        boolean sunspec = map.bool("sunspec", false);
        RegisterFunction function = map.choice("function", RegisterFunction.class, RegisterFunction.HOLDING);
        WordOrder order = map.choice("word_order", WordOrder.class, WordOrder.BIG);
        List<Point> points = new ArrayList<>();
        ConfigNode contract = map.child("points");
        contract.only(FIELDS.get(kind).keySet());
        for (String field : fieldNames(root.get("points"))) {
            double[] range = FIELDS.get(kind).get(field);
            points.add(point(contract.child(field), field, function, order, sunspec, ARRAY_FIELDS.contains(field), range[0], range[1]));
        }
        if (map.has("extra")) {
            // fields beyond the contract, for people and dashboards: the contract keeps unknown fields
            ConfigNode extra = map.child("extra");
            for (String field : fieldNames(root.get("extra"))) {
                if (!field.matches("[a-z][a-z0-9_]{0,63}") || FIELDS.get(kind).containsKey(field)) {
                    throw extra.problem(extra.key(field), "an extra field is snake_case and not a contract field");
                }
                points.add(point(extra.child(field), field, function, order, sunspec, true, -Double.MAX_VALUE, Double.MAX_VALUE));
            }
        }
        if (points.isEmpty()) {
            throw map.problem("points", "a map needs at least one point");
        }
        return new RegisterMap(name, kind, sunspec, points);
    }

    private static Point point(ConfigNode p, String field, RegisterFunction function, WordOrder order, boolean sunspec,
                               boolean arrayAllowed, double contractMin, double contractMax) {
        p.only(POINT_KEYS);
        Integer model = null;
        if (sunspec) {
            if (!p.has("model")) {
                throw p.problem(p.key("model"), "is required in a sunspec map (the model the address is counted in)");
            }
            model = p.integer("model", 0, 1, 65_534);
        }
        int address = requiredInt(p, "address", 0, 65_535);
        RegisterType type = p.choice("type", RegisterType.class, RegisterType.UINT16);
        int count = p.integer("count", 1, 1, 1024);
        if (count > 1 && !arrayAllowed) {
            throw p.problem(p.key("count"), "only cell_v and cell_t are arrays; " + field + " is one value");
        }
        int stride = p.integer("stride", type.words(), type.words(), 1024);
        double min = p.number("min", contractMin);
        double max = p.number("max", contractMax);
        if (min > max) {
            throw p.problem(p.key("min"), "must not be above max (" + max + "), was " + min);
        }
        if (min < contractMin || max > contractMax) {
            throw p.problem(p.key(min < contractMin ? "min" : "max"), "must stay within what the contract accepts for "
                    + field + " [" + contractMin + ", " + contractMax + "]");
        }
        Integer scaleFactor = p.optionalInteger("scale_factor", 0, 65_535);
        Double missing = p.optionalNumber("missing");
        Point point = new Point(field, p.choice("function", RegisterFunction.class, function), address, model, count, stride, type,
                p.choice("word_order", WordOrder.class, order), p.number("scale", 1.0), p.number("offset", 0.0),
                min, max, missing == null ? null : missing.longValue(), scaleFactor);
        if (address + point.span() > 65_536) {
            throw p.problem(p.key("count"), "the point runs past register 65535");
        }
        return point;
    }

    private static int requiredInt(ConfigNode p, String key, int min, int max) {
        if (!p.has(key)) {
            throw p.problem(p.key(key), "is required");
        }
        return p.integer(key, 0, min, max);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
