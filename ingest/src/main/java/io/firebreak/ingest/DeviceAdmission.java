package io.firebreak.ingest;

import io.firebreak.telemetry.inventory.SiteInventory;

/**
 * Who may send (issue 15): the site inventory is the allow-list of devices, and each known device may send
 * at most {@code ratePerSecond} messages a second on average with bursts up to {@code burst} (a gateway
 * flushing its backlog after an outage), in live mode. Validated here with messages naming the key.
 *
 * @param inventory     the devices allowed to send; null admits every device (benchmarks and tests only:
 *                      the services always load the inventory)
 * @param ratePerSecond sustained messages per second per device; 0 turns the limit off
 * @param burst         messages a device may send at once above the sustained rate
 */
public record DeviceAdmission(SiteInventory inventory, double ratePerSecond, int burst) {

    /** 100 messages/s per device: a hundred times the fastest sampling the contract expects (1 s). */
    public static final double DEFAULT_RATE = 100;
    /** 10,000 messages at once: a gateway's backlog of almost three hours of 1 s samples. */
    public static final int DEFAULT_BURST = 10_000;

    public DeviceAdmission {
        if (!(ratePerSecond >= 0) || ratePerSecond > 1_000_000) {
            throw new IllegalArgumentException("mqtt.device_rate: must be 0 (off) to 1000000 messages/s, was " + ratePerSecond);
        }
        if (burst < 1 || burst > 10_000_000) {
            throw new IllegalArgumentException("mqtt.device_burst: must be 1 to 10000000 messages, was " + burst);
        }
    }

    /** The inventory as the allow-list, with the default per-device rate limit. */
    public static DeviceAdmission of(SiteInventory inventory) {
        return new DeviceAdmission(inventory, DEFAULT_RATE, DEFAULT_BURST);
    }

    /** Every device admitted, no rate limit: only for benchmarks and tests that bring no inventory. */
    public static DeviceAdmission open() {
        return new DeviceAdmission(null, 0, DEFAULT_BURST);
    }
}
