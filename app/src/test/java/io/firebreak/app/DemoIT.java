package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code firebreak demo} as a newcomer runs it, at its default speed (10x): embedded brokers, no installs. */
class DemoIT {

    @Test
    void shouldShowTheDrainBeforeThePowerLossAndSucceed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        boolean passed = new Demo(10, 1, new PrintStream(out, true, StandardCharsets.UTF_8)).run();

        String timeline = out.toString(StandardCharsets.UTF_8);
        assertThat(passed).as(timeline).isTrue();
        assertThat(timeline).contains("ignition", "first signal", "alert critical", "drain decided", "drain delivered",
                "power lost", "hall-1, hall-2", "kakao, naver", "margin:", "PASS");
        assertThat(timeline.indexOf("drain delivered")).as("the drain comes before the power loss in the timeline")
                .isLessThan(timeline.indexOf("power lost"));
    }
}
