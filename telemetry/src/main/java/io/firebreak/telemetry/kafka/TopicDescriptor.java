package io.firebreak.telemetry.kafka;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** One Kafka topic of Firebreak: its name and the serdes of its keys and values. */
public record TopicDescriptor<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public TopicDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
