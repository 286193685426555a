/**
 * A room's decision: the signals that reach it ({@link io.firebreak.streams.room.Signal}, each one kind of
 * {@link io.firebreak.telemetry.decision.RoomEvent}), their order by
 * event time across partitions ({@link io.firebreak.streams.room.RoomFlow}), and the pure state machine
 * ({@link io.firebreak.streams.room.RoomMachine}) with its rules (levels, corroboration, worsening, panel
 * alone, rack comparison, a room going dark, sensor and clock faults). Nothing here touches Kafka.
 */
package io.firebreak.streams.room;
