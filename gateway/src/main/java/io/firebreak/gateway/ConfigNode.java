package io.firebreak.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of a YAML file being read, with its key path, so that every problem is reported as
 * {@code FILE: key.path: problem}. Unknown keys are refused, so a misspelt key never goes unnoticed.
 */
public final class ConfigNode {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final String file;
    private final String path;
    private final JsonNode node;

    public ConfigNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public String path() {
        return path;
    }

    /** This node as a string: a list item such as a sensor id. */
    public String text() {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw problem("must be a string");
        }
        return node.asText();
    }

    public boolean has(String key) {
        JsonNode child = node.get(key);
        return child != null && !child.isNull();
    }

    /** Fails unless every key of this mapping is one of {@code allowed}. */
    public ConfigNode only(Set<String> allowed) {
        if (!node.isObject()) {
            throw problem(path, "must be a mapping, was " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                throw problem(key(key), "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    public ConfigNode child(String key) {
        if (!has(key)) {
            throw problem(key(key), "is required");
        }
        return new ConfigNode(file, key(key), node.get(key));
    }

    public List<ConfigNode> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw problem(key(key), "must be a list");
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(new ConfigNode(file, key(key) + "[" + i + "]", value.get(i)));
        }
        return items;
    }

    public String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isValueNode() || value.isBoolean()) {
            throw problem(key(key), "must be a string");
        }
        return value.asText();
    }

    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw problem(key(key), "is required");
        }
        return value;
    }

    public double number(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        try {
            if (value.isNumber() || value.isTextual()) {
                return Double.parseDouble(value.asText().trim());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw problem(key(key), "must be a number, was '" + value.asText() + "'");
    }

    public Double optionalNumber(String key) {
        return has(key) ? number(key, 0) : null;
    }

    public int integer(String key, int fallback, int min, int max) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        long n;
        try {
            n = Long.decode(value.asText().trim());
        } catch (NumberFormatException e) {
            throw problem(key(key), "must be an integer, was '" + value.asText() + "'");
        }
        if (n < min || n > max) {
            throw problem(key(key), "must be between " + min + " and " + max + ", was " + n);
        }
        return (int) n;
    }

    public Integer optionalInteger(String key, int min, int max) {
        return has(key) ? integer(key, 0, min, max) : null;
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw problem(key(key), "must be true or false, was '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    /** A duration written {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO {@code PT5S}, within bounds. */
    public Duration duration(String key, Duration fallback, Duration min, Duration max) {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        Duration d;
        Matcher m = DURATION.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw problem(key(key), "not a duration (500ms, 5s, 2m, 1h or PT5S), was '" + text + "'");
            }
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw problem(key(key), "must be between " + min.toMillis() + "ms and " + max.toMillis() + "ms, was '" + text + "'");
        }
        return d;
    }

    /** An enumeration value written in lower case in the file. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            names.add(value.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw problem(key(key), "must be one of " + String.join(", ", names) + ", was '" + text + "'");
    }

    /** A problem with {@code key} of this node. */
    public GatewayConfigException problem(String keyPath, String message) {
        return new GatewayConfigException(file + ": " + keyPath + ": " + message);
    }

    /** A problem with this node itself. */
    public GatewayConfigException problem(String message) {
        return problem(path, message);
    }

    public String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
