package io.firebreak.streams.room;

import io.firebreak.streams.Escalation;
import io.firebreak.streams.room.RoomState.Support;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The level a room's evidence warrants, and why: the decision rule of {@link LevelRule} (one decisive
 * signal, two families, fire before dark), then evidence that adds up in one zone ({@link Corroboration}),
 * then a warning that kept worsening ({@link Worsening}). Each of the last two makes the room critical with
 * a reason that says what added up or how the warning moved.
 */
final class RoomJudge {

    /** A level, what made it when the rule alone would not have ({@code because}, empty otherwise), and the hints it cites. */
    record Judgement(RiskLevel level, String because, List<Evidence> cited) {
    }

    private final Corroboration corroboration;
    private final Worsening worsening;
    private final double threshold;

    RoomJudge(SiteInventory inventory, Escalation escalation) {
        this.corroboration = new Corroboration(inventory);
        this.worsening = new Worsening(escalation);
        this.threshold = escalation.corroborationScore();
    }

    Judgement judge(String room, Map<String, Signal> active, Support support, long now) {
        RiskLevel rule = LevelRule.evaluate(active.values());
        if (rule == RiskLevel.CRITICAL) {
            return new Judgement(rule, "", List.of());
        }
        Optional<Corroboration.Score> score = corroboration.best(room, active.values(), support.hints().values(), now);
        if (score.isPresent() && score.get().total() >= threshold) {
            List<Evidence> hints = score.get().parts().stream().map(Corroboration.Part::evidence)
                    .filter(e -> support.hints().containsKey(e.signal() + "@" + e.where())).toList();
            return new Judgement(RiskLevel.CRITICAL, score.get().describe(), hints);
        }
        Optional<Worsening.Escalated> worse = worsening.escalated(active, support.trends(), now);
        if (worse.isPresent()) {
            return new Judgement(RiskLevel.CRITICAL, worse.get().describe(), List.of());
        }
        return new Judgement(rule, "", List.of());
    }
}
