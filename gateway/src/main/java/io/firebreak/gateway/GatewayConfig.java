package io.firebreak.gateway;

import io.firebreak.gateway.modbus.ModbusDevice;
import io.firebreak.gateway.snmp.SnmpDevice;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.TopicLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The gateway of one battery room, as {@code gateway.yaml} describes it (see {@link GatewayConfigLoader}):
 * where it publishes, how it buffers while the broker is away, and the devices it polls.
 *
 * @param faultAfter  consecutive failed polls after which a device is published as a gateway fault
 * @param metricsPort the Prometheus endpoint's port, 0 for none
 * @param pollThreads threads that poll devices; a slow device holds one for at most its timeout
 */
public record GatewayConfig(String site, String room, String gateway, Mqtt mqtt, Buffer buffer, int faultAfter,
                            int metricsPort, int pollThreads, List<ModbusDevice> modbus, List<SnmpDevice> snmp, Traps traps) {

    /** Which broker, as which client. The password comes from an environment variable, never the file. */
    public record Mqtt(String serverUri, String clientId, TopicLayout layout, String username, String password) {
        @Override
        public String toString() {
            return "Mqtt[serverUri=" + serverUri + ", clientId=" + clientId + ", username=" + username + "]";
        }
    }

    /** Store and forward: readings wait in {@code dir} while the broker is away, at most {@code maxMessages}. */
    public record Buffer(Path dir, int maxMessages) {
    }

    /** Where SNMP traps are received; {@code port} 0 means no trap receiver. */
    public record Traps(String host, int port) {
        public boolean enabled() {
            return port > 0;
        }
    }

    public GatewayConfig {
        DeviceAddress.requireIdentifier(site, "site");
        DeviceAddress.requireIdentifier(room, "room");
        DeviceAddress.requireIdentifier(gateway, "gateway");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(buffer, "buffer");
        modbus = List.copyOf(modbus);
        snmp = List.copyOf(snmp);
    }

    /** The address of this gateway's status (retained, and its Last Will). */
    public DeviceAddress statusAddress() {
        return DeviceAddress.of(site, room, DeviceKind.GATEWAY, gateway);
    }
}
