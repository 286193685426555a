package io.firebreak.simulators;

/**
 * Running energy totals of a module, in joules, for the physical-sanity checks: chemical energy
 * (open-circuit voltage times current), energy at the terminals, ohmic heat, all heat generated, heat
 * given to the module air and heat the module air gave to the room.
 */
final class EnergyLedger {

    double chemicalJ;
    double terminalJ;
    double ohmicJ;
    double heatJ;
    double toAirJ;
    double toRoomJ;

    void add(double dt, double chemicalW, double terminalW, double ohmicW, double heatW, double toAirW) {
        chemicalJ += chemicalW * dt;
        terminalJ += terminalW * dt;
        ohmicJ += ohmicW * dt;
        heatJ += heatW * dt;
        toAirJ += toAirW * dt;
    }

    void toRoom(double dt, double watts) {
        toRoomJ += watts * dt;
    }
}
