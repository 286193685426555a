/**
 * The room sensors and the devices of a partition: smoke levels, off-gas against absolute levels and each
 * zone's own baseline, vents, and devices that stop publishing while their room still talks.
 */
package io.firebreak.streams.sensor;
