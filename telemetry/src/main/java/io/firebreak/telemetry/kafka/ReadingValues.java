package io.firebreak.telemetry.kafka;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the next value of a reading field, checking its type. Each method advances the parser onto the
 * value; a wrong type is a {@link JsonParseException} that names the field and where the parser stood.
 * Numbers accept what {@link Json#mapper()} writes: plain JSON numbers, and NaN and the infinities as
 * strings.
 */
final class ReadingValues {

    private static final NumberValues NUMBERS = new NumberValues();

    private ReadingValues() {
    }

    static String requiredString(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        throw malformed(p, field, token == JsonToken.VALUE_NULL ? "is required" : "expected a string, was " + describe(p));
    }

    static String nullableString(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw malformed(p, field, "expected a string or null, was " + describe(p));
    }

    static long requiredLong(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return longValue(p, field);
        }
        throw malformed(p, field, token == JsonToken.VALUE_NULL ? "is required" : "expected an integer, was " + describe(p));
    }

    static Long nullableLong(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return longValue(p, field);
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw malformed(p, field, "expected an integer or null, was " + describe(p));
    }

    static boolean requiredBoolean(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        throw malformed(p, field, token == JsonToken.VALUE_NULL ? "is required" : "expected true or false, was " + describe(p));
    }

    static Boolean nullableBoolean(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw malformed(p, field, "expected true, false or null, was " + describe(p));
    }

    static Double nullableDouble(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            return NUMBERS.of(p);
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return nonFinite(p, field);
    }

    /** A cell list; absent or null is empty, and null elements stay (a cell without a reading). */
    static List<Double> doubleList(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw malformed(p, field, "expected an array of numbers, was " + describe(p));
        }
        List<Double> values = new ArrayList<>(16);
        for (token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                values.add(NUMBERS.of(p));
            } else if (token == JsonToken.VALUE_NULL) {
                values.add(null);
            } else {
                values.add(nonFinite(p, field + "[" + values.size() + "]"));
            }
        }
        return values;
    }

    /** Skips the value of a field this reading does not have, as databind does with unknown properties. */
    static void skipValue(JsonParser p) throws IOException {
        p.nextToken();
        p.skipChildren();
    }

    static JsonParseException malformed(JsonParser p, String field, String problem) {
        return new JsonParseException(p, field + ": " + problem);
    }

    /** The parser's current token, for an error message. */
    static String describe(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "string \"" + abbreviate(p.getText()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + abbreviate(p.getText());
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> p.getText();
            default -> token.name();
        };
    }

    private static long longValue(JsonParser p, String field) throws IOException {
        try {
            return p.getLongValue();
        } catch (InputCoercionException e) {
            throw malformed(p, field, "expected a 64-bit integer, was " + describe(p));
        }
    }

    /** NaN and the infinities, which JSON has no numbers for, are strings on the wire. */
    private static Double nonFinite(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            switch (p.getText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw malformed(p, field, "expected a number or null, was " + describe(p));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
