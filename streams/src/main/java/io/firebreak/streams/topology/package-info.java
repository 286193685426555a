/**
 * The Kafka Streams glue: the topology as a pure function of the configuration
 * ({@link io.firebreak.streams.topology.DetectionTopology#build}), its stores and serdes, and the two
 * processors that only load and store state, punctuate and forward: the
 * {@link io.firebreak.streams.topology.SignalExtractor} (readings to signals, per rack or room-sensor
 * partition) and the {@link io.firebreak.streams.topology.RoomDecider} (signals to verdicts, per room).
 */
package io.firebreak.streams.topology;
