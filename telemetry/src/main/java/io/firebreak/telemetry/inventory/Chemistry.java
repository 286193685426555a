package io.firebreak.telemetry.inventory;

import java.util.Locale;

/**
 * A lithium-ion cell chemistry, set per room or rack in the inventory ({@code chemistry: lfp | nmc | nca}),
 * so voltage limits follow the cells actually installed. Limits are the cells' usual datasheet operating
 * window: LFP charges to 3.65 V and is empty at 2.5 V; NMC and NCA charge to 4.2 V and are empty at about
 * 2.75-3.0 V (sources in docs/detection.md).
 */
public enum Chemistry {
    LFP(3.65, 2.5, 3.2),
    NMC(4.2, 3.0, 3.65),
    NCA(4.2, 2.75, 3.6);

    private final double chargeLimitV;
    private final double dischargeLimitV;
    private final double nominalV;

    Chemistry(double chargeLimitV, double dischargeLimitV, double nominalV) {
        this.chargeLimitV = chargeLimitV;
        this.dischargeLimitV = dischargeLimitV;
        this.nominalV = nominalV;
    }

    /** The highest voltage a healthy cell is charged to. */
    public double chargeLimitV() {
        return chargeLimitV;
    }

    /** The lowest voltage a healthy cell is discharged to. */
    public double dischargeLimitV() {
        return dischargeLimitV;
    }

    public double nominalV() {
        return nominalV;
    }

    /** The inventory's spelling: {@code lfp}, {@code nmc}, {@code nca}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the inventory's spelling (case-insensitive); throws naming the accepted values. */
    public static Chemistry parse(String text) {
        for (Chemistry c : values()) {
            if (c.key().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("must be one of lfp, nmc, nca, was '" + text + "'");
    }
}
