package io.firebreak.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.gateway.PollFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockDecoderTest {

    private static Point point(String field, int address, int count, RegisterType type, WordOrder order, double scale,
                               double min, double max, Long missing, Integer sf) {
        return new Point(field, RegisterFunction.HOLDING, address, null, count, type.words(), type, order, scale, 0, min, max, missing, sf);
    }

    @Test
    void shouldDecodeEveryTypeAndWordOrder() {
        int[] regs = new int[8];
        regs[0] = 0xFFFE;                         // int16 -2
        regs[1] = 0xFFFE;                         // uint16 65534
        regs[2] = 0x0000; regs[3] = 0x0001;       // int32 low word first: 0x00010000 = 65536
        regs[4] = 0x4060; regs[5] = 0x0000;       // float32 3.5, high word first
        regs[6] = 0xFFFF; regs[7] = 0xFFFF;       // uint32 4294967295
        assertThat(RegisterType.INT16.decode(regs, 0, WordOrder.BIG)).isEqualTo(-2);
        assertThat(RegisterType.UINT16.decode(regs, 1, WordOrder.BIG)).isEqualTo(65534);
        assertThat(RegisterType.INT32.decode(regs, 2, WordOrder.LITTLE)).isEqualTo(65536);
        assertThat(RegisterType.FLOAT32.decode(regs, 4, WordOrder.BIG)).isEqualTo(3.5);
        assertThat(RegisterType.UINT32.decode(regs, 6, WordOrder.BIG)).isEqualTo(4294967295.0);
    }

    @Test
    void shouldPublishNullForAMissingCellAndScaleTheOthers() {
        List<Point> points = List.of(point("cell_v", 0, 3, RegisterType.UINT16, WordOrder.BIG, 0.001, 0, 5, 65535L, null));
        BlockDecoder.Decoded decoded = decode(points, new int[] {3312, 65535, 3309});
        assertThat(decoded.fields()).isEqualTo(Map.of("cell_v", java.util.Arrays.asList(3.312, null, 3.309)));
    }

    @Test
    void shouldFailTheBlockWhenAValueIsOutOfRange() {
        List<Point> points = List.of(point("cell_v", 0, 2, RegisterType.UINT16, WordOrder.BIG, 0.001, 0, 5, null, null));
        BlockDecoder.Decoded decoded = decode(points, new int[] {3312, 9000});
        assertThat(decoded.fields()).isNull();
        assertThat(decoded.failure().reason()).isEqualTo(PollFailure.Reason.OUT_OF_RANGE);
        assertThat(decoded.failure().detail()).startsWith("cell_v[1] = 9.0 is outside [0.0, 5.0]");
    }

    @Test
    void shouldApplyASunSpecScaleFactor() {
        // SoC 9712 with SoC_SF -2 is 97.12 %, scale 0.01 makes it 0.9712
        List<Point> points = List.of(point("soc", 0, 1, RegisterType.UINT16, WordOrder.BIG, 0.01, 0, 1, 65535L, 1));
        BlockDecoder.Decoded decoded = decode(points, new int[] {9712, 0xFFFE});
        assertThat(decoded.fields()).isEqualTo(Map.of("soc", 0.9712));
    }

    @Test
    void shouldFailWithNoValueWhenEveryPointIsMissing() {
        List<Point> points = List.of(point("soc", 0, 1, RegisterType.UINT16, WordOrder.BIG, 0.001, 0, 1, 65535L, null));
        assertThat(decode(points, new int[] {65535}).failure().reason()).isEqualTo(PollFailure.Reason.NO_VALUE);
    }

    private static BlockDecoder.Decoded decode(List<Point> points, int[] registers) {
        ReadPlan.Span span = new ReadPlan.Span(RegisterFunction.HOLDING, 0, registers.length);
        return BlockDecoder.decode(points, new RegisterImage(List.of(span), new int[][] {registers}), 0, Map.of());
    }
}
