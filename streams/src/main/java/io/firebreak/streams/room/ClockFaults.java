package io.firebreak.streams.room;

import io.firebreak.streams.rack.ProbeHealth;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.Optional;

/**
 * A device whose clock runs ahead: ingest refuses its messages (a dead letter whose reason starts with
 * {@link ContractParser#CLOCK_SKEW}) and detection turns each refusal into a sensor fault of that device,
 * so the facility is paged once per device (see {@link SensorFaults}) and the refused sample is never
 * evidence.
 */
public final class ClockFaults {

    static final String SIGNAL = "clock_ahead";

    private static final TopicLayout LAYOUT = TopicLayout.defaults();

    private ClockFaults() {
    }

    /** The sensor fault for {@code letter}, when it is a clock-skew refusal of a device on the default topic layout. */
    public static Optional<Signal> of(DeadLetter letter) {
        if (letter == null || !letter.reason().startsWith(ContractParser.CLOCK_SKEW)) {
            return Optional.empty();
        }
        DeviceAddress device;
        try {
            device = LAYOUT.parse(letter.originalTopic());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        String where = device.rack() == null ? device.device() : device.rack() + "/" + device.device();
        Evidence e = new Evidence(SIGNAL, ProbeHealth.FAMILY, where, 0, "", letter.receivedAt(), false);
        return Optional.of(new Signal(device.site(), device.room(), e, RiskLevel.WATCH, false));
    }

    static boolean is(Signal signal) {
        return signal.isSensorFault() && SIGNAL.equals(signal.evidence().signal());
    }
}
