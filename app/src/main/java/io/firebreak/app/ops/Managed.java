package io.firebreak.app.ops;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * One service of the process as the {@link Supervisor} sees it: started once, asked whether its loops still
 * run ({@link #alive()}) and whether it is connected and caught up ({@link #ready()}), closed when it has
 * failed (a new instance replaces it) or the process stops.
 */
public interface Managed extends AutoCloseable {

    /** Starts the service; throws when it cannot (Kafka unreachable, a port taken). */
    void start();

    /** False once a loop of the service has ended by itself: it must be replaced. */
    boolean alive();

    /** True when connected and caught up; what is not, one line each, from {@link #notReady()}. */
    default boolean ready() {
        return notReady() == null;
    }

    /** Why the service is not ready, or null when it is. */
    String notReady();

    /** Registers the meters that appeared since the last call (targets, clients); called every check. */
    default void publish(MeterRegistry registry) {
    }

    @Override
    void close();
}
