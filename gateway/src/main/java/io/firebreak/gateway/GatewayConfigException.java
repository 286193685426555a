package io.firebreak.gateway;

/**
 * A gateway configuration or register map that cannot be used, with a message that names the file, the key
 * and the problem: {@code gateway.yaml: modbus[0].port: must be between 1 and 65535, was 0}. An
 * IllegalArgumentException, so the launcher reports it as one line and exit code 2.
 */
public final class GatewayConfigException extends IllegalArgumentException {

    public GatewayConfigException(String message) {
        super(message);
    }
}
