package io.firebreak.simulators;

import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import java.util.List;
import java.util.Random;

/** The library's benign look-alikes (domain brief, "what looks like a fire but is not"). */
final class LookAlikes {

    private static final long MIN = 60_000;

    private LookAlikes() {
    }

    static List<Scenario> all() {
        return List.of(gridOutage(), hvacFailure(),
                probe("stuck-probe", ProbeFault.STUCK, "a probe freezes at its last value"),
                probe("sentinel-probe", ProbeFault.SENTINEL, "a probe reports the -39 C no-probe sentinel"),
                probe("glitch-probe", ProbeFault.GLITCH, "a bus glitch: a probe jumps to 150 C and back to 0.6 C, every ten minutes"),
                probe("probe-dropout", ProbeFault.DROPOUT, "a probe is disconnected (null readings)"),
                probe("probe-drift", ProbeFault.DRIFT, "a probe drifts upwards by 6 C an hour"),
                duplicates(), gatewayDeath(), backlogFlush(), maintenance());
    }

    static Scenario gridOutage() {
        return new LookAlike("grid-outage", "the grid fails for 30 min: every UPS on battery, every string discharges at about 1.5 C and warms a few degrees together, then recharges",
                50 * MIN, 5 * MIN, Pangyo2022::room, (room, p, t) -> {
                    if (t == 5 * MIN) {
                        room.grid(false);
                    } else if (t == 35 * MIN) {
                        room.grid(true);
                    }
                });
    }

    static Scenario hvacFailure() {
        return new LookAlike("hvac-failure", "the HVAC stops for an hour: the whole room, every rack and the inlet reference warm together by about 10 C",
                90 * MIN, 5 * MIN, Pangyo2022::room, (room, p, t) -> {
                    if (t == 5 * MIN) {
                        room.hvac(false);
                    } else if (t == 65 * MIN) {
                        room.hvac(true);
                    }
                });
    }

    static Scenario probe(String name, ProbeFault fault, String what) {
        return new LookAlike(name, what, 30 * MIN, 5 * MIN, Pangyo2022::room, (room, p, t) -> {
            Rack rack = room.room().racks().get(p.nextInt(room.room().racks().size()));
            int module = p.nextInt(rack.modules());
            int probe = p.nextInt(rack.probesPerModule());
            if (t == 5 * MIN) {
                room.probeFault(rack.id(), module, probe, fault);
            }
        });
    }

    static Scenario duplicates() {
        return new LookAlike("duplicates-out-of-order", "the gateway repeats 2 % of its messages (same seq) and delivers 2 % a second late, after newer ones",
                20 * MIN, 2 * MIN, Pangyo2022::room, (room, p, t) -> {
                    if (t == 2 * MIN) {
                        room.messageFaults(0.02, 0.02);
                    }
                });
    }

    static Scenario gatewayDeath() {
        return new LookAlike("gateway-death", "a room's gateway dies (its Last Will, online=false) for 10 min while the room is fine, then comes back",
                20 * MIN, 5 * MIN, LookAlike::lastRoom, (room, p, t) -> {
                    if (t == 5 * MIN) {
                        room.gateway(GatewayLink.State.DEAD);
                    } else if (t == 15 * MIN) {
                        room.gateway(GatewayLink.State.ONLINE);
                    }
                });
    }

    static Scenario backlogFlush() {
        return new LookAlike("backlog-flush", "a gateway loses the broker for an hour (Last Will), buffers, reconnects and flushes the hour at 5,000 messages/s",
                70 * MIN, 5 * MIN, LookAlike::lastRoom, (room, p, t) -> {
                    if (t == 5 * MIN) {
                        room.gateway(GatewayLink.State.DISCONNECTED);
                    } else if (t == 65 * MIN) {
                        room.gateway(GatewayLink.State.ONLINE);
                    }
                });
    }

    static Scenario maintenance() {
        return new LookAlike("maintenance", "a rack is switched off for 20 min and a module replaced by one from the cold store (18 C); the fire panel is isolated (fault) and reset",
                45 * MIN, 5 * MIN, Pangyo2022::room, (room, p, t) -> {
                    List<Rack> racks = room.room().racks();
                    Rack off = racks.get(racks.size() - 1);
                    Rack swapped = racks.get(p.nextInt(racks.size() - 1 > 0 ? racks.size() - 1 : 1));
                    int module = p.nextInt(swapped.modules());
                    Room.FirePanel panel = room.room().firePanels().isEmpty() ? null : room.room().firePanels().get(0);
                    if (t == 5 * MIN) {
                        if (panel != null) {
                            room.panelEvent(panel.id(), panel.zones().isEmpty() ? room.room().id() : panel.zones().get(0), FireEventType.FAULT);
                        }
                        for (int m = 0; m < off.modules(); m++) {
                            room.moduleSilent(off.id(), m, true);
                        }
                    } else if (t == 10 * MIN) {
                        room.moduleSilent(swapped.id(), module, true);
                    } else if (t == 20 * MIN) {
                        room.replaceModule(swapped.id(), module, 18.0);
                        room.moduleSilent(swapped.id(), module, false);
                    } else if (t == 25 * MIN) {
                        for (int m = 0; m < off.modules(); m++) {
                            room.moduleSilent(off.id(), m, false);
                        }
                        if (panel != null) {
                            room.panelEvent(panel.id(), panel.zones().isEmpty() ? room.room().id() : panel.zones().get(0), FireEventType.RESET);
                        }
                    }
                });
    }
}
