package io.firebreak.simulators;

/**
 * What really happens in a scenario, in event time (epoch ms; null when it does not happen), and what a
 * correct system does about it.
 *
 * @param drainExpected true when a correct system drains the affected room's halls
 * @param drainBy       the latest event time a drain is useful (the power loss), or null
 */
public record GroundTruth(String scenario, String room, Long faultOnset, Long ignition, Long powerLoss, Long roomDark,
                          boolean drainExpected, Long drainBy) {
}
