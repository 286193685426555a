package io.firebreak.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadPlanTest {

    @Test
    void shouldReadTheGenericRackInOneRequestPerModule() {
        RegisterMap map = RegisterMapLoader.load("builtin:generic-rack", null, "gateway.yaml", "map");
        ReadPlan plan = ReadPlan.of(map.points(), 128, Map.of());
        assertThat(plan.spans()).containsExactly(new ReadPlan.Span(RegisterFunction.HOLDING, 128, 51));
    }

    @Test
    void shouldSplitFarApartPointsAndWidePoints() {
        Point near = new Point("soc", RegisterFunction.HOLDING, 0, null, 1, 1, RegisterType.UINT16, WordOrder.BIG, 1, 0, 0, 1, null, null);
        Point far = new Point("current_a", RegisterFunction.HOLDING, 1000, null, 1, 1, RegisterType.INT16, WordOrder.BIG, 1, 0, -10, 10, null, null);
        Point wide = new Point("cell_v", RegisterFunction.INPUT, 0, null, 200, 1, RegisterType.UINT16, WordOrder.BIG, 1, 0, 0, 10, null, null);
        ReadPlan plan = ReadPlan.of(List.of(near, far, wide), 0, Map.of());
        assertThat(plan.spans()).containsExactly(
                new ReadPlan.Span(RegisterFunction.HOLDING, 0, 1),
                new ReadPlan.Span(RegisterFunction.HOLDING, 1000, 1),
                new ReadPlan.Span(RegisterFunction.INPUT, 0, 125),
                new ReadPlan.Span(RegisterFunction.INPUT, 125, 75));
    }
}
