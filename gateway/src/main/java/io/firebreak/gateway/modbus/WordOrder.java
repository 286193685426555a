package io.firebreak.gateway.modbus;

/**
 * The order of the two registers of a 32-bit value: {@code BIG} puts the high word first (ABCD, the Modbus
 * and SunSpec convention), {@code LITTLE} puts the low word first (CDAB, common on rack controllers).
 */
public enum WordOrder {
    BIG, LITTLE
}
