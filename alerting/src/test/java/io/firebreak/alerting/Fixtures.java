package io.firebreak.alerting;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.List;

/** The shipped Pangyo inventory and decisions and alerts about its rooms. */
final class Fixtures {

    static final String FACILITY_KEY = "EXAMPLE-facility-routing-key";
    static final String KAKAO_KEY = "EXAMPLE-kakao-routing-key";
    static final String NAVER_KEY = "EXAMPLE-naver-routing-key";
    static final String KAKAO_WHSEC = "whsec_RVhBTVBMRS1PTkxZLWtha2FvLWRvLW5vdC11c2U=";
    static final String NAVER_WHSEC = "whsec_RVhBTVBMRS1PTkxZLW5hdmVyLWRvLW5vdC11c2U=";

    private static final long DETECTED_AT = 1665814782000L;

    private Fixtures() {
    }

    static SiteInventory pangyo() {
        return new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
    }

    /** The Pangyo inventory under another site id, so a test's drained rooms are its own. */
    static SiteInventory pangyoAs(String site, java.net.URI endpoints) {
        SiteInventory p = pangyo().withEndpointsAt(endpoints);
        return new SiteInventory(site, p.name(), p.rooms(), p.hallTenants(), p.drainTargets(), p.pager());
    }

    static DrainDecision drainB3(String id, List<String> tenants) {
        return drain("pangyo-a", id, "B3-battery", List.of("hall-1", "hall-2"), tenants);
    }

    static DrainDecision drain(String site, String id, String room, List<String> halls, List<String> tenants) {
        return new DrainDecision(id, DrainDecision.REQUESTED, site, room, halls,
                tenants, RiskLevel.CRITICAL, "rack 3E-2: cell 12 at +9.5 C over its peers; VOC 40 ppm in zone B3-1",
                List.of(new Evidence("cell_temp_rise", "thermal", "3E-2/M03/c12", 2.1, "C/min", DETECTED_AT, false),
                        new Evidence("voc", "offgas", "asd-b3-1", 40, "ppm", DETECTED_AT, false)),
                DETECTED_AT);
    }

    static Alert alert(String id, String room, RiskLevel level, RiskLevel previous) {
        return alert("pangyo-a", id, room, level, previous);
    }

    static Alert alert(String site, String id, String room, RiskLevel level, RiskLevel previous) {
        return new Alert(id, site, room, level, previous, room + " is " + level,
                level == RiskLevel.NORMAL ? List.of()
                        : List.of(new Evidence("smoke", "smoke", "asd-b3-1", 0.9, "%obs/m", DETECTED_AT, true)),
                DETECTED_AT);
    }
}
