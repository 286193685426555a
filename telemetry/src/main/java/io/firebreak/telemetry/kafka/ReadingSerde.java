package io.firebreak.telemetry.kafka;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.firebreak.telemetry.contract.Reading;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of {@code firebreak.readings.v1}: the same JSON as {@code new JsonSerde<>(Reading.class)},
 * byte for byte, written and read with Jackson's streaming API instead of databind, because readings are
 * the hottest records in Firebreak. It remembers what sensors repeat: the text of recent doubles, the value
 * of recent numbers and recent device addresses ({@link DoubleTexts}, {@link NumberValues},
 * {@link DeviceAddresses}, a few MiB at most). Input that is not a reading is a
 * {@link SerializationException} that names the topic, the field and the position.
 */
public final class ReadingSerde implements Serde<Reading> {

    private static final Serializer<Reading> SERIALIZER = (topic, reading) -> serialize(reading);

    private static final Deserializer<Reading> DESERIALIZER = new Deserializer<>() {
        @Override
        public Reading deserialize(String topic, byte[] data) {
            return data == null ? null : ReadingSerde.deserialize(topic, data, 0, data.length);
        }

        /** Reads a consumer's fetched bytes where they lie, without the copy the default makes. */
        @Override
        public Reading deserialize(String topic, Headers headers, ByteBuffer data) {
            if (data == null || !data.hasArray()) {
                return Deserializer.super.deserialize(topic, headers, data);
            }
            return ReadingSerde.deserialize(topic, data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
    };

    @Override
    public Serializer<Reading> serializer() {
        return SERIALIZER;
    }

    @Override
    public Deserializer<Reading> deserializer() {
        return DESERIALIZER;
    }

    /** The reading as JSON, or null for null (a tombstone). */
    public static byte[] serialize(Reading reading) {
        if (reading == null) {
            return null;
        }
        try {
            return ReadingWriter.write(reading);
        } catch (IOException e) {
            throw new SerializationException("cannot write Reading: " + e.getMessage(), e);
        }
    }

    /** Reads one reading from {@code length} bytes at {@code offset}; {@code topic} is for error messages. */
    public static Reading deserialize(String topic, byte[] data, int offset, int length) {
        try {
            return ReadingReader.read(data, offset, length);
        } catch (IOException e) {
            throw new SerializationException("cannot read Reading from topic " + topic + ": " + describe(e), e);
        }
    }

    /** One line: Jackson's own messages end with the location on a line of their own. */
    private static String describe(IOException e) {
        if (!(e instanceof JsonProcessingException json)) {
            return e.getMessage();
        }
        JsonLocation at = json.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return json.getOriginalMessage().replace('\n', ' ') + where;
    }
}
