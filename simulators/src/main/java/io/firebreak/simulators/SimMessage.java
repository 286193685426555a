package io.firebreak.simulators;

import java.nio.charset.StandardCharsets;

/**
 * One message the simulator publishes: its event time, MQTT topic and JSON payload. {@code retained}
 * is set for gateway status.
 */
public record SimMessage(long ts, String topic, byte[] payload, boolean retained) {

    public SimMessage {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
