/**
 * Detection: readings in, risk levels, alerts and drain decisions out. This package is what a launcher
 * uses: the service ({@link io.firebreak.streams.DetectionService}), its typed configuration
 * ({@link io.firebreak.streams.DetectionConfig}) and the thresholds with their defaults and overrides.
 * The parts, each a sub-package:
 * <ul>
 *   <li>{@code topology}: the Kafka Streams glue. {@code DetectionTopology.build} wires the lanes, and two
 *       thin processors load and store state and punctuate: the signal extractor (per rack and per room
 *       sensor partition) and the room decider (per room).</li>
 *   <li>{@code rack}: the battery analysis of one module against its history and its rack's peers
 *       (thermal trend, voltage, probe health), as plain functions.</li>
 *   <li>{@code sensor}: the room sensors (smoke, off-gas baselines and vents) and the devices that fall silent.</li>
 *   <li>{@code room}: the room's decision, a pure {@code (state, event, now) -> (state, verdicts)} machine
 *       with its rules, tested without Kafka.</li>
 *   <li>{@code query}: the interactive queries of room levels over HTTP.</li>
 *   <li>{@code errors}: the poison-record policy of every Streams handler (dead letter, go on).</li>
 * </ul>
 */
package io.firebreak.streams;
