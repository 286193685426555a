package io.firebreak.gateway.snmp;

import org.snmp4j.smi.OID;

/**
 * The UPS-MIB (RFC 1628) objects the gateway reads and the notifications it acts on. Only the standard MIB:
 * every UPS network card that claims RFC 1628 answers these.
 */
public final class UpsMib {

    /** upsOutputSource: other(1), none(2), normal(3), bypass(4), battery(5), booster(6), reducer(7). */
    public static final OID OUTPUT_SOURCE = new OID("1.3.6.1.2.1.33.1.4.1.0");
    /** upsBatteryStatus: unknown(1), batteryNormal(2), batteryLow(3), batteryDepleted(4). */
    public static final OID BATTERY_STATUS = new OID("1.3.6.1.2.1.33.1.2.1.0");
    /** upsEstimatedMinutesRemaining, minutes of runtime left on battery. */
    public static final OID MINUTES_REMAINING = new OID("1.3.6.1.2.1.33.1.2.3.0");
    /** upsEstimatedMinutesRemaining without its instance, as trap varbinds may carry it. */
    public static final OID MINUTES_REMAINING_OBJECT = new OID("1.3.6.1.2.1.33.1.2.3");
    /** upsInputVoltage column of upsInputTable (RMS volts), indexed by line. */
    public static final OID INPUT_VOLTAGE = new OID("1.3.6.1.2.1.33.1.3.3.1.3");
    /** upsOutputPower column of upsOutputTable (watts), indexed by line. */
    public static final OID OUTPUT_POWER = new OID("1.3.6.1.2.1.33.1.4.4.1.4");

    /** upsTraps: upsTrapOnBattery is .1, upsTrapAlarmEntryAdded .3 (some agents send them as .0.1 and .0.3). */
    public static final OID TRAPS = new OID("1.3.6.1.2.1.33.2");
    public static final OID TRAP_ON_BATTERY = new OID("1.3.6.1.2.1.33.2.1");
    public static final OID TRAP_ALARM_ENTRY_ADDED = new OID("1.3.6.1.2.1.33.2.3");
    /** upsAlarmDescr, the varbind of upsTrapAlarmEntryAdded that names the alarm. */
    public static final OID ALARM_DESCR = new OID("1.3.6.1.2.1.33.1.6.2.1.2");
    /** upsWellKnownAlarms. */
    public static final OID ALARM_ON_BATTERY = new OID("1.3.6.1.2.1.33.1.6.3.2");
    public static final OID ALARM_OUTPUT_OFF_AS_REQUESTED = new OID("1.3.6.1.2.1.33.1.6.3.11");
    public static final OID ALARM_UPS_OFF_AS_REQUESTED = new OID("1.3.6.1.2.1.33.1.6.3.12");
    public static final OID ALARM_UPS_OUTPUT_OFF = new OID("1.3.6.1.2.1.33.1.6.3.14");
    public static final OID ALARM_UPS_SYSTEM_OFF = new OID("1.3.6.1.2.1.33.1.6.3.15");

    public static final int SOURCE_NONE = 2;
    public static final int SOURCE_BATTERY = 5;

    private UpsMib() {
    }

    /** The name of upsBatteryStatus's value, as published in {@code battery_status}. */
    public static String batteryStatus(int value) {
        return switch (value) {
            case 2 -> "normal";
            case 3 -> "low";
            case 4 -> "depleted";
            default -> "unknown";
        };
    }

    /** Which notification of upsTraps {@code trapOid} is, 0 when none: accepts .33.2.N and .33.2.0.N. */
    public static int trapNumber(OID trapOid) {
        if (trapOid == null || !trapOid.startsWith(TRAPS)) {
            return 0;
        }
        int rest = trapOid.size() - TRAPS.size();
        if (rest == 1) {
            return trapOid.last();
        }
        return rest == 2 && trapOid.get(TRAPS.size()) == 0 ? trapOid.last() : 0;
    }
}
