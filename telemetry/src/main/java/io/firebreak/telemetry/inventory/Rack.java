package io.firebreak.telemetry.inventory;

import io.firebreak.telemetry.contract.DeviceAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A battery rack: {@code modules} modules of {@code cellsPerModule} cells in series, each module with
 * {@code probesPerModule} temperature probes spread evenly over its cells.
 *
 * <p>{@code moduleIds} are the names its gateway gives the modules in topics, first module first
 * ({@code M01, M02, ...} unless the inventory lists them or gives a pattern); {@code chemistry} is the
 * rack's cells' chemistry, or null when the inventory does not say (the configured voltage thresholds apply).
 */
public record Rack(String id, String zone, int modules, int cellsPerModule, int probesPerModule,
                   List<String> moduleIds, Chemistry chemistry) {

    public Rack {
        DeviceAddress.requireIdentifier(id, "rack");
        if (modules < 1) {
            throw new IllegalArgumentException("modules: must be at least 1, was " + modules);
        }
        if (probesPerModule < 1 || probesPerModule > cellsPerModule) {
            throw new IllegalArgumentException("probes_per_module: must be between 1 and " + cellsPerModule + ", was " + probesPerModule);
        }
        moduleIds = moduleIds == null ? defaultModuleIds(modules) : List.copyOf(moduleIds);
        if (moduleIds.size() != modules) {
            throw new IllegalArgumentException("module_ids: rack " + id + " has " + modules + " modules, the list names " + moduleIds.size());
        }
        if (moduleIds.stream().distinct().count() != modules) {
            throw new IllegalArgumentException("module_ids: rack " + id + " names a module twice");
        }
        moduleIds.forEach(m -> DeviceAddress.requireIdentifier(m, "module_ids"));
    }

    /** A rack with the default module ids and no declared chemistry. */
    public Rack(String id, String zone, int modules, int cellsPerModule, int probesPerModule) {
        this(id, zone, modules, cellsPerModule, probesPerModule, null, null);
    }

    /** The default module id, {@code M01} for the first module (index 0). */
    public static String moduleId(int index) {
        return String.format(Locale.ROOT, "M%02d", index + 1);
    }

    /** The id of this rack's module {@code index} (0-based) as its gateway names it in topics. */
    public String module(int index) {
        return moduleIds.get(index);
    }

    /** The 0-based index of the module named {@code moduleId}, or empty when the rack has no such module. */
    public OptionalInt moduleIndex(String moduleId) {
        int index = moduleIds.indexOf(moduleId);
        return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
    }

    public Optional<Chemistry> declaredChemistry() {
        return Optional.ofNullable(chemistry);
    }

    /** The same rack with {@code chemistry}, unless it declares its own. */
    Rack inheriting(Chemistry roomChemistry) {
        return chemistry != null || roomChemistry == null ? this
                : new Rack(id, zone, modules, cellsPerModule, probesPerModule, moduleIds, roomChemistry);
    }

    /** The first cell (0-based, inclusive) probe {@code probe} sits on. */
    public int firstCellOfProbe(int probe) {
        return probe * cellsPerModule / probesPerModule;
    }

    /** One past the last cell (0-based, exclusive) probe {@code probe} sits on. */
    public int endCellOfProbe(int probe) {
        return (probe + 1) * cellsPerModule / probesPerModule;
    }

    /** The probe that sits on {@code cell} (0-based). */
    public int probeOfCell(int cell) {
        for (int probe = 0; probe < probesPerModule; probe++) {
            if (cell < endCellOfProbe(probe)) {
                return probe;
            }
        }
        throw new IllegalArgumentException("cell: " + cell + " is outside a module of " + cellsPerModule + " cells");
    }

    public int cells() {
        return modules * cellsPerModule;
    }

    /**
     * The module ids a pattern gives: {@code {n}} is the 1-based module number, {@code {n:02}} the same
     * zero-padded to two digits (any width), e.g. {@code M{n:02}} gives M01, {@code module-{n}} module-1.
     */
    public static List<String> moduleIdsOf(String pattern, int modules) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{n(?::0(\\d))?}").matcher(pattern);
        if (!m.find()) {
            throw new IllegalArgumentException("module_pattern: must contain {n} or {n:0W}, was '" + pattern + "'");
        }
        int width = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        String before = pattern.substring(0, m.start());
        String after = pattern.substring(m.end());
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= modules; n++) {
            String number = width == 0 ? Integer.toString(n) : String.format(Locale.ROOT, "%0" + width + "d", n);
            ids.add(before + number + after);
        }
        return ids;
    }

    private static List<String> defaultModuleIds(int modules) {
        List<String> ids = new ArrayList<>(modules);
        for (int i = 0; i < modules; i++) {
            ids.add(moduleId(i));
        }
        return ids;
    }
}
