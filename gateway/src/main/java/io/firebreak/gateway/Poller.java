package io.firebreak.gateway;

import java.util.List;

/**
 * Reads one configured device (a Modbus server, a UPS card) once. Never throws for a device problem: every
 * published device behind it gets a {@link PollOutcome}, a sample or a named failure. Called from one
 * thread at a time.
 */
public interface Poller extends AutoCloseable {

    /** One outcome per published device, in the device's order. */
    List<PollOutcome> poll();

    @Override
    void close();
}
