package io.firebreak.streams.sensor;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.streams.room.Signal;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.TimeMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sampled device that stops while its partition goes on is one sensor fault; a rack that stops together is one. */
class DeviceSilenceTest {

    private static final long SILENCE_MS = 30_000;
    private static final DeviceAddress M01 = DeviceAddress.bms(SITE, B3, "3E-1", "M01");
    private static final DeviceAddress M02 = DeviceAddress.bms(SITE, B3, "3E-1", "M02");
    private static final DeviceAddress M03 = DeviceAddress.bms(SITE, B3, "3E-1", "M03");
    private static final DeviceAddress ASD = DeviceAddress.of(SITE, B3, DeviceKind.ENV, "asd-1");

    /** A store in a map, as the task's state store holds it. */
    private static final class MapStore implements DeviceSilence.Store {
        final Map<String, DeviceSilence.Seen> map = new HashMap<>();

        @Override
        public void put(String deviceId, DeviceSilence.Seen seen) {
            map.put(deviceId, seen);
        }

        @Override
        public void delete(String deviceId) {
            map.remove(deviceId);
        }

        @Override
        public Map<String, DeviceSilence.Seen> all() {
            return Map.copyOf(map);
        }
    }

    private final MapStore store = new MapStore();
    private DeviceSilence silence = new DeviceSilence(SILENCE_MS, TimeMode.REPLAY, store);

    /** Every device in {@code talking} heard once a second from {@code from} to {@code to} (ms), a sweep every 5 s. */
    private List<Signal> run(long from, long to, DeviceAddress... talking) {
        List<Signal> out = new ArrayList<>();
        for (long t = from; t < to; t += 1_000) {
            for (DeviceAddress device : talking) {
                out.addAll(silence.heard(device.deviceId(), device, t, t));
            }
            if (t % 5_000 == 0) {
                out.addAll(silence.sweep(t, t));
            }
        }
        return out;
    }

    private static List<String> names(List<Signal> signals) {
        return signals.stream().map(s -> (s.clears() ? "clear " : "") + s.evidence().signal() + "@" + s.evidence().where()).toList();
    }

    @Test
    void shouldReportAModuleThatStopsWhileItsRackTalksOnce() {
        run(0, 10_000, M01, M02, M03);

        List<Signal> out = run(10_000, 70_000, M01, M03);

        assertThat(names(out)).as("one fault, sent again after a minute while M02 stays silent")
                .containsExactly("device_silent@3E-1/M02");
        Signal fault = out.get(0);
        assertThat(fault.isSensorFault()).isTrue();
        assertThat(DeviceSilence.opens(fault)).isTrue();
        assertThat(DeviceSilence.lastHeard(fault)).as("when M02 was last heard").isEqualTo(9_000);
        assertThat(fault.evidence().ts()).as("its last reading plus the silence").isEqualTo(40_000);
    }

    @Test
    void shouldSendTheFaultAgainEveryMinuteWhileTheModuleStaysSilent() {
        run(0, 10_000, M01, M02, M03);

        List<Signal> out = run(10_000, 200_000, M01, M03);

        assertThat(names(out)).containsOnly("device_silent@3E-1/M02").hasSize(3);
    }

    @Test
    void shouldReportOneRackFaultWhenEveryModuleOfTheRackStopsTogether() {
        run(0, 10_000, M01, M02, M03, ASD);

        List<Signal> out = run(10_000, 60_000, ASD);

        assertThat(names(out)).containsExactly("rack_silent@3E-1");
        assertThat(out.get(0).evidence().value()).as("silent for, seconds").isGreaterThanOrEqualTo(30);
    }

    @Test
    void shouldClearTheFaultWhenTheModuleIsHeardAgain() {
        run(0, 10_000, M01, M02, M03);
        run(10_000, 60_000, M01, M03);

        List<Signal> out = run(60_000, 70_000, M01, M02, M03);

        assertThat(names(out)).containsExactly("clear device_silent@3E-1/M02");
    }

    @Test
    void shouldReportARoomSensorThatStopsWhileTheRestTalks() {
        run(0, 10_000, M01, ASD);

        List<Signal> out = run(10_000, 60_000, M01);

        assertThat(names(out)).containsExactly("device_silent@env/asd-1");
    }

    @Test
    void shouldKeepAReportedSilenceAcrossARestartAndClearItWhenHeard() {
        run(0, 10_000, M01, M02, M03);
        run(10_000, 60_000, M01, M03);

        // a new task on the same store (a restart, the partition moved here)
        silence = new DeviceSilence(SILENCE_MS, TimeMode.REPLAY, store);
        silence.restore(0);
        List<Signal> out = run(60_000, 62_000, M01, M02, M03);

        assertThat(names(out)).containsExactly("clear device_silent@3E-1/M02");
    }

    @Test
    void shouldJudgeSilenceOnTheWallClockInLiveMode() {
        silence = new DeviceSilence(SILENCE_MS, TimeMode.LIVE, store);
        // M02's clock runs 10 minutes behind: in live mode only the wall clock says how long it has been silent
        for (long wall = 0; wall < 10_000; wall += 1_000) {
            silence.heard(M01.deviceId(), M01, wall, wall);
            silence.heard(M02.deviceId(), M02, wall - 600_000, wall);
        }
        List<Signal> out = new ArrayList<>();
        for (long wall = 10_000; wall <= 45_000; wall += 1_000) {
            silence.heard(M01.deviceId(), M01, wall, wall);
            out.addAll(silence.sweep(wall, wall));
        }

        assertThat(names(out)).containsExactly("device_silent@3E-1/M02");
        assertThat(out.get(0).evidence().value()).as("silent for, seconds").isEqualTo(30.0);
    }

    @Test
    void shouldNotJudgeDevicesThatAreNotSampled() {
        assertThat(DeviceSilence.sampled(DeviceAddress.of(SITE, B3, DeviceKind.FIRE, "fp-b3"))).as("a panel sends events").isFalse();
        assertThat(DeviceSilence.sampled(DeviceAddress.of(SITE, B3, DeviceKind.GATEWAY, "gw"))).as("a retained status").isFalse();
        assertThat(DeviceSilence.sampled(M01)).isTrue();
        assertThat(DeviceSilence.sampled(ASD)).isTrue();
    }

    @Test
    void shouldReadBackEveryDeviceIdItStores() {
        assertThat(DeviceSilence.parse(M01.deviceId())).isEqualTo(M01);
        assertThat(DeviceSilence.parse(ASD.deviceId())).isEqualTo(ASD);
        assertThat(DeviceSilence.parse("not/a/device")).isNull();
        DeviceSilence.Seen seen = new DeviceSilence.Seen(1_665_814_745_000L, true, false);
        byte[] bytes = DeviceSilence.serde().serializer().serialize("", seen);
        assertThat(DeviceSilence.serde().deserializer().deserialize("", bytes)).isEqualTo(seen);
    }
}
