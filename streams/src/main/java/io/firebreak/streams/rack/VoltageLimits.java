package io.firebreak.streams.rack;

import io.firebreak.streams.Precursors;
import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.inventory.Chemistry;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.SiteInventory;

/**
 * The charge limit a rack's cells must not reach, by precedence: an explicit {@code cell_max_v} in
 * {@code detect.thresholds} wins; otherwise the chemistry the inventory gives the rack (or its room):
 * 3.65 V for LFP, 4.2 V for NMC and NCA; otherwise LFP's 3.65 V, the most common UPS chemistry and the
 * lowest limit, so an undeclared rack is never watched more loosely than its cells allow.
 */
public final class VoltageLimits {

    public static final Threshold<Double> CELL_MAX_V = Threshold.chargeLimit("cell_max_v",
            "a cell at or above this (V) is overcharged (voltage warning); `chemistry` takes the rack's charge limit from the inventory (3.65 V when undeclared); a number wins for every rack");

    /** The limit of a rack whose chemistry nobody declared. */
    static final Chemistry UNDECLARED = Chemistry.LFP;

    private final double explicit;
    private final SiteInventory inventory;

    public VoltageLimits(Precursors precursors, SiteInventory inventory) {
        this.explicit = precursors.cellMaxV();
        this.inventory = inventory;
    }

    /** The charge limit of the cells of {@code source}'s rack, V (looked up once per device: callers keep it). */
    public double chargeLimit(DeviceAddress source) {
        return Double.isNaN(explicit) ? chemistry(source).chargeLimitV() : explicit;
    }

    private Chemistry chemistry(DeviceAddress source) {
        if (inventory == null || !inventory.site().equals(source.site())) {
            return UNDECLARED;
        }
        return inventory.room(source.room()).flatMap(room -> room.rack(source.rack())).flatMap(Rack::declaredChemistry)
                .orElse(UNDECLARED);
    }
}
