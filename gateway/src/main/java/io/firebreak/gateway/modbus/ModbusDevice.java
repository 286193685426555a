package io.firebreak.gateway.modbus;

import io.firebreak.telemetry.contract.DeviceAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One Modbus TCP server the gateway polls (a rack controller, a gas controller) and the blocks it reads
 * there: one {@link Block} per module of a rack, or per sensor head of a gas controller.
 */
public record ModbusDevice(String name, String host, int port, RegisterMap map, List<Block> blocks, Duration period,
                           Duration timeout) {

    /** Where one published device's registers are: a unit id and the base address of its block. */
    public record Block(DeviceAddress source, int unitId, int base) {
        public Block {
            Objects.requireNonNull(source, "source");
        }
    }

    public ModbusDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(map, "map");
        blocks = List.copyOf(blocks);
    }
}
