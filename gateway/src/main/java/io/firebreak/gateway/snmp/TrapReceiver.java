package io.firebreak.gateway.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives SNMP v1/v2c traps and acts on the UPS-MIB ones at once, not at the next poll: upsTrapOnBattery,
 * and upsTrapAlarmEntryAdded for upsAlarmOnBattery or an output-off alarm, become a {@code power} reading of
 * the UPS that sent them (matched by its address); every UPS-MIB trap also asks for an immediate poll.
 */
public final class TrapReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrapReceiver.class);

    private final SnmpSession session;

    /**
     * @param devices  finds the configured UPS that sent a trap, by the sender's IP address
     * @param onTrap   receives the UPS and the fields to publish now (possibly empty: poll only)
     */
    public TrapReceiver(String host, int port, Function<InetAddress, Optional<SnmpDevice>> devices,
                        BiConsumer<SnmpDevice, Map<String, Object>> onTrap) {
        this.session = SnmpSession.open((UdpAddress) GenericAddress.parse("udp:" + host + "/" + port));
        session.snmp().addCommandResponder(new CommandResponder() {
            @Override
            public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
                handle(event, devices, onTrap);
            }
        });
        LOG.info("event=trap_receiver_started address={}:{}", host, port);
    }

    private static <A extends Address> void handle(CommandResponderEvent<A> event, Function<InetAddress, Optional<SnmpDevice>> devices,
                                                   BiConsumer<SnmpDevice, Map<String, Object>> onTrap) {
        PDU pdu = event.getPDU();
        if (pdu == null || (pdu.getType() != PDU.TRAP && pdu.getType() != PDU.NOTIFICATION && pdu.getType() != PDU.INFORM)) {
            return;
        }
        event.setProcessed(true);
        InetAddress from = event.getPeerAddress() instanceof IpAddress ip ? ip.getInetAddress() : null;
        Optional<SnmpDevice> device = from == null ? Optional.empty() : devices.apply(from);
        OID trapOid = trapOid(pdu.getVariableBindings());
        int trap = UpsMib.trapNumber(trapOid);
        if (device.isEmpty() || trap == 0) {
            LOG.info("event=trap_ignored from={} trap={}", from, trapOid);
            return;
        }
        Map<String, Object> fields = fields(trap, pdu.getVariableBindings());
        LOG.info("event=trap_received device={} trap={} fields={}", device.get().name(), trapOid, fields.keySet());
        onTrap.accept(device.get(), fields);
    }

    /** What a UPS-MIB trap says about the contract's power fields. */
    static Map<String, Object> fields(int trap, List<? extends VariableBinding> bindings) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (trap == 1) {
            fields.put("on_battery", true);
            fields.put("trap", "upsTrapOnBattery");
        } else if (trap == 3) {
            for (VariableBinding vb : bindings) {
                if (vb.getOid().startsWith(UpsMib.ALARM_DESCR) && vb.getVariable() instanceof OID alarm) {
                    if (alarm.equals(UpsMib.ALARM_ON_BATTERY)) {
                        fields.put("on_battery", true);
                    } else if (alarm.equals(UpsMib.ALARM_UPS_OUTPUT_OFF) || alarm.equals(UpsMib.ALARM_OUTPUT_OFF_AS_REQUESTED)
                            || alarm.equals(UpsMib.ALARM_UPS_OFF_AS_REQUESTED) || alarm.equals(UpsMib.ALARM_UPS_SYSTEM_OFF)) {
                        fields.put("output_on", false);
                    }
                }
            }
            if (!fields.isEmpty()) {
                fields.put("trap", "upsTrapAlarmEntryAdded");
            }
        }
        for (VariableBinding vb : bindings) {
            if (vb.getOid().startsWith(UpsMib.MINUTES_REMAINING_OBJECT) && !vb.getVariable().isException() && !fields.isEmpty()) {
                fields.put("battery_minutes_remaining", (double) vb.getVariable().toLong());
            }
        }
        return fields;
    }

    private static OID trapOid(List<? extends VariableBinding> bindings) {
        for (VariableBinding vb : bindings) {
            if (vb.getOid().equals(SnmpConstants.snmpTrapOID) && vb.getVariable() instanceof OID oid) {
                return oid;
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            session.snmp().close();
        } catch (IOException e) {
            // closing a UDP socket: nothing left to do
        }
    }
}
