package io.firebreak.telemetry.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Rewrites a JSON object the way other writers might and databind still accepts: the fields of every
 * object shuffled (so a measurement's {@code kind} need not come first), unknown fields of every JSON type
 * added at every level, and sometimes pretty-printed.
 */
final class JsonVariants {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;

    JsonVariants(long seed) {
        this.random = new Random(seed);
    }

    byte[] of(byte[] json) {
        try {
            JsonNode variant = rewrite(Json.mapper().readTree(json));
            return random.nextInt(4) == 0
                    ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(variant)
                    : Json.mapper().writeValueAsBytes(variant);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode rewrite(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(rewrite(element)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
        for (int i = random.nextInt(3); i > 0; i--) {
            fields.add(Map.entry("unknown_" + random.nextInt(1000), unknownValue(2)));
        }
        Collections.shuffle(fields, random);
        ObjectNode copy = NODES.objectNode();
        fields.forEach(field -> copy.set(field.getKey(), rewrite(field.getValue())));
        return copy;
    }

    private JsonNode unknownValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(random.nextGaussian());
            case 4 -> NODES.textNode("kind");
            case 5 -> NODES.textNode("{\"kind\":\"fire\"}");
            case 6 -> NODES.arrayNode().add(unknownValue(depth - 1)).add(unknownValue(depth - 1));
            default -> NODES.objectNode().put("kind", "env").set("cell_v", unknownValue(depth - 1));
        };
    }
}
