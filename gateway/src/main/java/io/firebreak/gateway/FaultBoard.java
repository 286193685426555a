package io.firebreak.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The devices currently in fault. Every change is handed on as the full list, which the gateway publishes as
 * its retained status, so a subscriber that arrives later still sees every open fault.
 */
final class FaultBoard {

    private final Map<String, DeviceFault> open = new TreeMap<>();
    private final Consumer<List<DeviceFault>> onChange;

    FaultBoard(Consumer<List<DeviceFault>> onChange) {
        this.onChange = onChange;
    }

    synchronized void raise(DeviceFault fault) {
        open.put(fault.device(), fault);
        onChange.accept(List.copyOf(open.values()));
    }

    synchronized void clear(String device) {
        if (open.remove(device) != null) {
            onChange.accept(List.copyOf(open.values()));
        }
    }

    synchronized List<DeviceFault> open() {
        return new ArrayList<>(open.values());
    }
}
