package io.firebreak.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.gateway.modbus.ModbusDevice;
import io.firebreak.gateway.modbus.RegisterMap;
import io.firebreak.gateway.modbus.RegisterMapLoader;
import io.firebreak.gateway.snmp.SnmpDevice;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.TopicLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code gateway.yaml} and its register maps, and refuses to start on anything it cannot use, with one
 * message naming the file, the key and the problem: {@code gateway.yaml: modbus[1].map: register map
 * racks.yaml does not exist}. Secrets (MQTT password, SNMP community and v3 passphrases) are read from the
 * environment variables the file names ({@code *_env}), never from the file. The keys are in
 * {@code docs/gateway.md}.
 */
public final class GatewayConfigLoader {

    static final Duration DEFAULT_RACK_PERIOD = Duration.ofSeconds(1);
    static final Duration DEFAULT_UPS_PERIOD = Duration.ofSeconds(5);

    private static final Set<String> ROOT = Set.of("site", "room", "gateway", "mqtt", "buffer", "fault_after", "metrics_port",
            "poll_threads", "modbus", "snmp", "traps");
    private static final Set<String> MQTT = Set.of("server_uri", "client_id", "topic_prefix", "username", "password_env");
    private static final Set<String> BUFFER = Set.of("dir", "max_messages");
    private static final Set<String> TRAPS = Set.of("listen_host", "port");
    private static final Set<String> MODBUS = Set.of("name", "host", "port", "map", "rack", "modules", "sensors", "unit_id",
            "block_stride", "period", "timeout");
    private static final Set<String> SNMP = Set.of("name", "host", "port", "device", "version", "community_env", "v3",
            "input_line", "output_lines", "period", "timeout");
    private static final Set<String> V3 = Set.of("user", "auth_protocol", "auth_passphrase_env", "priv_protocol", "priv_passphrase_env");

    private final Function<String, String> environment;

    public GatewayConfigLoader() {
        this(System::getenv);
    }

    public GatewayConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public GatewayConfig load(Path file) {
        JsonNode root;
        try {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                root = YamlTree.read(in);
            }
        } catch (IOException e) {
            throw new GatewayConfigException(file + ": cannot read: " + e.getMessage().split("\n")[0]);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new GatewayConfigException(file + ": the file is empty");
        }
        Path base = file.toAbsolutePath().getParent();
        ConfigNode node = new ConfigNode(file.toString(), "", root).only(ROOT);
        try {
            return build(node, base, file.toString());
        } catch (GatewayConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigException(file + ": " + e.getMessage());
        }
    }

    private GatewayConfig build(ConfigNode root, Path base, String file) {
        String site = identifier(root, "site");
        String room = identifier(root, "room");
        String gateway = identifier(root, "gateway");
        GatewayConfig.Mqtt mqtt = mqtt(root.child("mqtt").only(MQTT), gateway);
        GatewayConfig.Buffer buffer = buffer(root, gateway, base);
        List<ModbusDevice> modbus = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode device : root.list("modbus")) {
            modbus.add(modbusDevice(device.only(MODBUS), site, room, base, file, names));
        }
        List<SnmpDevice> snmp = new ArrayList<>();
        for (ConfigNode device : root.list("snmp")) {
            snmp.add(snmpDevice(device.only(SNMP), site, room, names));
        }
        if (modbus.isEmpty() && snmp.isEmpty()) {
            throw root.problem("modbus", "the gateway has no devices: list at least one under modbus or snmp");
        }
        GatewayConfig.Traps traps = new GatewayConfig.Traps("0.0.0.0", 0);
        if (root.has("traps")) {
            ConfigNode t = root.child("traps").only(TRAPS);
            traps = new GatewayConfig.Traps(t.string("listen_host", "0.0.0.0"), t.integer("port", 162, 1, 65_535));
        }
        return new GatewayConfig(site, room, gateway, mqtt, buffer, root.integer("fault_after", 3, 1, 1000),
                root.integer("metrics_port", 0, 0, 65_535), root.integer("poll_threads", 4, 1, 256), modbus, snmp, traps);
    }

    private GatewayConfig.Mqtt mqtt(ConfigNode m, String gateway) {
        String uri = m.requiredString("server_uri");
        if (!uri.matches("(tcp|ssl|ws|wss)://.+")) {
            throw m.problem(m.key("server_uri"), "must look like tcp://host:1883 or ssl://host:8883, was '" + uri + "'");
        }
        TopicLayout layout;
        try {
            layout = new TopicLayout(m.string("topic_prefix", TopicLayout.DEFAULT_PREFIX));
        } catch (IllegalArgumentException e) {
            throw m.problem(m.key("topic_prefix"), e.getMessage());
        }
        return new GatewayConfig.Mqtt(uri, m.string("client_id", "firebreak-gateway-" + gateway), layout,
                m.string("username", null), secret(m, "password_env", false));
    }

    private static GatewayConfig.Buffer buffer(ConfigNode root, String gateway, Path base) {
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "firebreak-gateway-" + gateway);
        if (!root.has("buffer")) {
            return new GatewayConfig.Buffer(fallback, 100_000);
        }
        ConfigNode b = root.child("buffer").only(BUFFER);
        String dir = b.string("dir", null);
        return new GatewayConfig.Buffer(dir == null ? fallback : base.resolve(dir), b.integer("max_messages", 100_000, 1, 100_000_000));
    }

    private static ModbusDevice modbusDevice(ConfigNode d, String site, String room, Path base, String file, Set<String> names) {
        RegisterMap map = RegisterMapLoader.load(d.requiredString("map"), base, file, d.key("map"));
        int unitId = d.integer("unit_id", 1, 0, 255);
        Integer stride = d.optionalInteger("block_stride", 1, 65_535);
        List<DeviceAddress> sources = new ArrayList<>();
        String defaultName;
        if (map.kind() == DeviceKind.BMS) {
            String rack = identifier(d, "rack");
            if (d.has("sensors")) {
                throw d.problem(d.key("sensors"), "a bms map (" + map.name() + ") publishes modules: use rack and modules");
            }
            int modules = d.integer("modules", 1, 1, 256);
            for (int m = 0; m < modules; m++) {
                sources.add(DeviceAddress.bms(site, room, rack, String.format(Locale.ROOT, "M%02d", m + 1)));
            }
            defaultName = rack;
        } else {
            if (d.has("rack") || d.has("modules")) {
                throw d.problem(d.key(d.has("rack") ? "rack" : "modules"), "an env map (" + map.name() + ") publishes sensors: use sensors");
            }
            List<ConfigNode> sensors = d.list("sensors");
            if (sensors.isEmpty()) {
                throw d.problem(d.key("sensors"), "is required: the env sensor ids this controller serves, in block order");
            }
            for (ConfigNode sensor : sensors) {
                sources.add(DeviceAddress.of(site, room, DeviceKind.ENV, identifierValue(sensor)));
            }
            defaultName = sources.get(0).device();
        }
        List<ModbusDevice.Block> blocks = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            int unit = stride == null ? unitId + i : unitId;
            if (unit > 255) {
                throw d.problem(d.key("unit_id"), "unit ids run past 255 for " + sources.size() + " blocks; set block_stride to read them from one unit");
            }
            blocks.add(new ModbusDevice.Block(sources.get(i), unit, stride == null ? 0 : i * stride));
        }
        String name = uniqueName(d, defaultName, names);
        Duration period = d.duration("period", DEFAULT_RACK_PERIOD, Duration.ofMillis(10), Duration.ofMinutes(10));
        Duration timeout = d.duration("timeout", half(period), Duration.ofMillis(5), Duration.ofMinutes(10));
        return new ModbusDevice(name, d.requiredString("host"), d.integer("port", 502, 1, 65_535), map, blocks, period, timeout);
    }

    private SnmpDevice snmpDevice(ConfigNode d, String site, String room, Set<String> names) {
        DeviceAddress source = DeviceAddress.of(site, room, DeviceKind.POWER, identifier(d, "device"));
        SnmpDevice.Version version = d.choice("version", SnmpDevice.Version.class, SnmpDevice.Version.V2C);
        String community = null;
        SnmpDevice.V3 v3 = null;
        if (version == SnmpDevice.Version.V2C) {
            if (d.has("v3")) {
                throw d.problem(d.key("v3"), "is for version v3; this device is v2c");
            }
            String fromEnv = secret(d, "community_env", false);
            community = fromEnv == null ? "public" : fromEnv;
        } else {
            ConfigNode v = d.child("v3").only(V3);
            v3 = new SnmpDevice.V3(v.requiredString("user"), v.choice("auth_protocol", SnmpDevice.AuthProtocol.class, SnmpDevice.AuthProtocol.SHA256),
                    passphrase(v, "auth_passphrase_env"), v.choice("priv_protocol", SnmpDevice.PrivProtocol.class, SnmpDevice.PrivProtocol.AES128),
                    passphrase(v, "priv_passphrase_env"));
        }
        Duration period = d.duration("period", DEFAULT_UPS_PERIOD, Duration.ofMillis(10), Duration.ofMinutes(10));
        Duration timeout = d.duration("timeout", half(period), Duration.ofMillis(5), Duration.ofMinutes(10));
        return new SnmpDevice(uniqueName(d, source.device(), names), d.requiredString("host"), d.integer("port", 161, 1, 65_535),
                source, version, community, v3, d.integer("input_line", 1, 1, 64), d.integer("output_lines", 1, 1, 64), period, timeout);
    }

    private String passphrase(ConfigNode v, String key) {
        String value = secret(v, key, true);
        if (value.length() < 8) {
            throw v.problem(v.key(key), "the passphrase in $" + v.string(key, "") + " is shorter than the 8 characters SNMPv3 needs");
        }
        return value;
    }

    /** The value of the environment variable a {@code *_env} key names. */
    private String secret(ConfigNode node, String key, boolean required) {
        String variable = node.string(key, null);
        if (variable == null) {
            if (required) {
                throw node.problem(node.key(key), "is required (the environment variable that holds the secret)");
            }
            return null;
        }
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw node.problem(node.key(key), "environment variable " + variable + " is not set");
        }
        return value;
    }

    private static String uniqueName(ConfigNode d, String fallback, Set<String> names) {
        String name = d.string("name", fallback);
        if (!names.add(name)) {
            throw d.problem(d.key("name"), "device name '" + name + "' is used twice; names must be unique (metrics, faults)");
        }
        return name;
    }

    private static Duration half(Duration period) {
        return Duration.ofMillis(Math.max(5, period.toMillis() / 2));
    }

    private static String identifier(ConfigNode node, String key) {
        String value = node.requiredString(key);
        if (!DeviceAddress.IDENTIFIER.matcher(value).matches()) {
            throw node.problem(node.key(key), "must match " + DeviceAddress.IDENTIFIER.pattern() + ", was '" + value + "'");
        }
        return value;
    }

    private static String identifierValue(ConfigNode node) {
        String value = node.text();
        if (!DeviceAddress.IDENTIFIER.matcher(value).matches()) {
            throw node.problem("must match " + DeviceAddress.IDENTIFIER.pattern() + ", was '" + value + "'");
        }
        return value;
    }
}
