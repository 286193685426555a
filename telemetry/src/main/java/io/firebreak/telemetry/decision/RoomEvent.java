package io.firebreak.telemetry.decision;

import java.util.Objects;

/**
 * What a room's decider receives, by kind: an observation of the room (a hazard, a sub-threshold hint, a
 * sensor fault, a loss of telemetry), or a fact about its inputs (a heartbeat, a rack's median temperature,
 * a partition's progress, an operator's release). A decider handles each kind on its own, so nothing that
 * is not evidence can be counted as evidence.
 */
public sealed interface RoomEvent {

    /** The event time it speaks for. */
    long ts();

    /** Something observed in the room, with what it alone is worth. */
    sealed interface Observation extends RoomEvent permits Hazard, Hint, SensorFault, LinkLoss {
        Evidence evidence();

        RiskLevel level();

        /** True when it ends an earlier observation of the same identity. */
        boolean clears();

        @Override
        default long ts() {
            return evidence().ts();
        }

        /** What is observed where: a later observation with the same identity replaces this one. */
        default String identity() {
            return evidence().signal() + "@" + evidence().where();
        }
    }

    /** Evidence of a hazard ({@link SignalFamily.Kind#HAZARD}): counts toward the room's level. */
    record Hazard(Evidence evidence, RiskLevel level, boolean clears) implements Observation {
        public Hazard {
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(level, "level");
        }
    }

    /** Sub-threshold evidence: never raises a level alone, corroborates gas rising in its zone. */
    record Hint(Evidence evidence, RiskLevel level) implements Observation {
        public Hint {
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(level, "level");
        }

        @Override
        public boolean clears() {
            return false;
        }
    }

    /** A sensor to service ({@link SignalFamily.Kind#FAULT}): paged to the facility, never evidence. */
    record SensorFault(Evidence evidence, RiskLevel level, boolean clears) implements Observation {
        public SensorFault {
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(level, "level");
        }
    }

    /** Telemetry lost ({@link SignalFamily.Kind#TELEMETRY}, a gateway's Last Will): a hazard only with fire-class evidence. */
    record LinkLoss(Evidence evidence, RiskLevel level, boolean clears) implements Observation {
        public LinkLoss {
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(level, "level");
        }
    }

    /** The room was heard at {@code ts}, as read by input {@code from}: its silence is judged against it. */
    record Heartbeat(String from, long ts) implements RoomEvent {
    }

    /** Rack {@code rack}'s median probe at {@code ts}: racks are compared with the room's others. */
    record RackTemperature(String rack, double medianC, long ts) implements RoomEvent {
    }

    /** Input {@code partition} has reached event time {@code ts}: nothing about the room, only ordering. */
    record Progress(String partition, long ts) implements RoomEvent {
    }

    /** An operator released drain {@code subject} at {@code ts}: the room re-arms. */
    record Release(String subject, long ts) implements RoomEvent {
    }
}
