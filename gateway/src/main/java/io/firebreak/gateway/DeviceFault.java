package io.firebreak.gateway;

/**
 * A device the gateway has not been able to read within its period for {@code fault_after} polls in a row,
 * published in the gateway's retained status until it is read again.
 *
 * @param device the device's topic below the room, e.g. {@code bms/3E-1/M04} or {@code power/ups-b3-a}
 * @param since  when the first of the missed polls was (epoch ms)
 */
public record DeviceFault(String device, PollFailure failure, long since, long missedPolls) {
}
