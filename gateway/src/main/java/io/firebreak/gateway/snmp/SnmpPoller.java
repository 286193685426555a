package io.firebreak.gateway.snmp;

import io.firebreak.gateway.PollFailure;
import io.firebreak.gateway.PollOutcome;
import io.firebreak.gateway.Poller;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * Polls one UPS for the UPS-MIB objects with one GET (v2c, or v3 authPriv) and maps them to the contract's
 * {@code power} fields: {@code on_battery} (upsOutputSource is battery), {@code output_on} (it is not none),
 * {@code input_v} (upsInputVoltage of the configured line), {@code output_kw} (upsOutputPower summed over the
 * output lines). upsBatteryStatus and upsEstimatedMinutesRemaining are published beside them as
 * {@code battery_status} and {@code battery_minutes_remaining}.
 */
public final class SnmpPoller implements Poller {

    private final SnmpDevice device;
    private final SnmpSession session;
    private final Target<UdpAddress> target;

    public SnmpPoller(SnmpDevice device) {
        this.device = device;
        this.session = SnmpSession.open(null);
        UdpAddress address = (UdpAddress) GenericAddress.parse("udp:" + device.host() + "/" + device.port());
        if (device.version() == SnmpDevice.Version.V2C) {
            CommunityTarget<UdpAddress> t = new CommunityTarget<>(address, new OctetString(device.community()));
            t.setVersion(SnmpConstants.version2c);
            target = t;
        } else {
            SnmpDevice.V3 v3 = device.v3();
            OID auth = switch (v3.auth()) {
                case SHA -> AuthSHA.ID;
                case SHA256 -> AuthHMAC192SHA256.ID;
                case SHA512 -> AuthHMAC384SHA512.ID;
            };
            OID priv = v3.priv() == SnmpDevice.PrivProtocol.AES128 ? PrivAES128.ID : PrivAES256.ID;
            session.usm().addUser(new UsmUser(new OctetString(v3.user()), auth, new OctetString(v3.authPassphrase()), priv,
                    new OctetString(v3.privPassphrase())));
            UserTarget<UdpAddress> t = new UserTarget<>();
            t.setAddress(address);
            t.setSecurityLevel(SecurityLevel.AUTH_PRIV);
            t.setSecurityName(new OctetString(v3.user()));
            t.setVersion(SnmpConstants.version3);
            target = t;
        }
        target.setTimeout(device.timeout().toMillis());
        target.setRetries(0);
    }

    @Override
    public List<PollOutcome> poll() {
        PDU pdu = device.version() == SnmpDevice.Version.V3 ? new ScopedPDU() : new PDU();
        pdu.setType(PDU.GET);
        pdu.add(new VariableBinding(UpsMib.OUTPUT_SOURCE));
        pdu.add(new VariableBinding(UpsMib.BATTERY_STATUS));
        pdu.add(new VariableBinding(UpsMib.MINUTES_REMAINING));
        pdu.add(new VariableBinding(new OID(UpsMib.INPUT_VOLTAGE).append(device.inputLine())));
        for (int line = 1; line <= device.outputLines(); line++) {
            pdu.add(new VariableBinding(new OID(UpsMib.OUTPUT_POWER).append(line)));
        }
        ResponseEvent<UdpAddress> event;
        try {
            event = session.snmp().send(pdu, target);
        } catch (IOException e) {
            return List.of(failed(PollFailure.Reason.UNREACHABLE, device.host() + ":" + device.port() + ": " + e.getMessage()));
        }
        PDU response = event == null ? null : event.getResponse();
        if (response == null) {
            String why = event != null && event.getError() != null ? ": " + event.getError().getMessage() : "";
            return List.of(failed(PollFailure.Reason.TIMEOUT, "no answer within " + device.timeout().toMillis() + "ms from "
                    + device.host() + ":" + device.port() + why));
        }
        if (response.getErrorStatus() != PDU.noError) {
            return List.of(failed(PollFailure.Reason.SNMP_ERROR, response.getErrorStatusText() + " at varbind " + response.getErrorIndex()));
        }
        return List.of(map(response.getVariableBindings()));
    }

    private PollOutcome map(List<? extends VariableBinding> bindings) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Variable source = bindings.get(0).getVariable();
        if (!source.isException()) {
            int value = source.toInt();
            fields.put("on_battery", value == UpsMib.SOURCE_BATTERY);
            fields.put("output_on", value != UpsMib.SOURCE_NONE);
        }
        Variable input = bindings.get(3).getVariable();
        if (!input.isException()) {
            double volts = input.toLong();
            if (volts < 0 || volts > 100_000) {
                return failed(PollFailure.Reason.OUT_OF_RANGE, "upsInputVoltage = " + volts + " is outside [0, 100000]");
            }
            fields.put("input_v", volts);
        }
        double watts = 0;
        boolean anyPower = false;
        for (int i = 4; i < bindings.size(); i++) {
            Variable power = bindings.get(i).getVariable();
            if (!power.isException()) {
                watts += power.toLong();
                anyPower = true;
            }
        }
        if (anyPower) {
            fields.put("output_kw", watts / 1000.0);
        }
        if (fields.isEmpty()) {
            return failed(PollFailure.Reason.NO_VALUE, "the agent has none of upsOutputSource, upsInputVoltage, upsOutputPower");
        }
        Variable status = bindings.get(1).getVariable();
        if (!status.isException()) {
            fields.put("battery_status", UpsMib.batteryStatus(status.toInt()));
        }
        Variable minutes = bindings.get(2).getVariable();
        if (!minutes.isException()) {
            fields.put("battery_minutes_remaining", (double) minutes.toLong());
        }
        return PollOutcome.sample(device.source(), fields);
    }

    private PollOutcome failed(PollFailure.Reason reason, String detail) {
        return PollOutcome.failed(device.source(), new PollFailure(reason, detail));
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
