package io.firebreak.gateway;

import io.firebreak.gateway.snmp.UpsMib;
import java.io.File;
import java.io.IOException;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.TransportMapping;
import org.snmp4j.agent.BaseAgent;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.agent.mo.snmp.RowStatus;
import org.snmp4j.agent.mo.snmp.SnmpCommunityMIB;
import org.snmp4j.agent.mo.snmp.SnmpNotificationMIB;
import org.snmp4j.agent.mo.snmp.SnmpTargetMIB;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.TransportDomains;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.agent.security.MutableVACM;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * A UPS network card in the JVM (snmp4j-agent) serving the UPS-MIB objects the gateway reads, over v2c
 * (community {@code public}) and v3 authPriv (user {@code firebreak}, SHA-256 / AES-128), and sending
 * UPS-MIB notifications as v2c traps to one receiver.
 */
final class UpsAgent extends BaseAgent {

    static final String USER = "firebreak";
    static final String AUTH = "auth-passphrase-1";
    static final String PRIV = "priv-passphrase-1";

    private final int port;
    private final int trapPort;
    private final MOScalar<Integer32> outputSource = scalar(UpsMib.OUTPUT_SOURCE, new Integer32(3));
    private final MOScalar<Integer32> batteryStatus = scalar(UpsMib.BATTERY_STATUS, new Integer32(2));
    private final MOScalar<Integer32> minutes = scalar(UpsMib.MINUTES_REMAINING, new Integer32(45));
    private final MOScalar<Integer32> inputV = scalar(new OID(UpsMib.INPUT_VOLTAGE).append(1), new Integer32(380));
    private final MOScalar<Integer32> outputW = scalar(new OID(UpsMib.OUTPUT_POWER).append(1), new Integer32(412_000));

    UpsAgent(File dir, int port, int trapPort) throws IOException {
        super(new File(dir, "boot.bc"), new File(dir, "agent.cfg"), new CommandProcessor(new OctetString(MPv3.createLocalEngineID())));
        this.port = port;
        this.trapPort = trapPort;
        init();
        loadConfig(org.snmp4j.agent.io.ImportMode.REPLACE_CREATE);
        addShutdownHook();
        getServer().addContext(new OctetString(""));
        finishInit();
        run();
    }

    private static <V extends Variable> MOScalar<V> scalar(OID oid, V value) {
        return new MOScalar<>(oid, MOAccessImpl.ACCESS_READ_ONLY, value);
    }

    int port() {
        return port;
    }

    /** The grid is gone: the UPS carries the load from its batteries. */
    void onBattery(int minutesLeft) {
        outputSource.setValue(new Integer32(UpsMib.SOURCE_BATTERY));
        inputV.setValue(new Integer32(0));
        minutes.setValue(new Integer32(minutesLeft));
    }

    /** Sets what the UPS reports, as a UPS card would from its own measurements. */
    void report(boolean onBattery, boolean outputOn, int inputVolts, int outputWatts) {
        outputSource.setValue(new Integer32(!outputOn ? UpsMib.SOURCE_NONE : onBattery ? UpsMib.SOURCE_BATTERY : 3));
        inputV.setValue(new Integer32(inputVolts));
        outputW.setValue(new Integer32(outputWatts));
    }

    /** Sends upsTrapOnBattery with upsEstimatedMinutesRemaining, as RFC 1628 defines it. */
    void sendOnBatteryTrap() {
        notificationOriginator.notify(new OctetString(), UpsMib.TRAP_ON_BATTERY,
                new VariableBinding[] {new VariableBinding(UpsMib.MINUTES_REMAINING, minutes.getValue())});
    }

    @Override
    protected void initTransportMappings() {
        try {
            transportMappings = new TransportMapping<?>[] {new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/" + port))};
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected void registerManagedObjects() {
        try {
            for (MOScalar<?> mo : java.util.List.of(outputSource, batteryStatus, minutes, inputV, outputW)) {
                server.register(mo, null);
            }
        } catch (DuplicateRegistrationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void unregisterManagedObjects() {
    }

    @Override
    protected void addUsmUser(USM usm) {
        usm.addUser(new UsmUser(new OctetString(USER), AuthHMAC192SHA256.ID, new OctetString(AUTH), PrivAES128.ID, new OctetString(PRIV)));
    }

    @Override
    protected void addNotificationTargets(SnmpTargetMIB targetMIB, SnmpNotificationMIB notificationMIB) {
        targetMIB.addDefaultTDomains();
        targetMIB.addTargetAddress(new OctetString("gateway"), TransportDomains.transportDomainUdpIpv4,
                new OctetString(new UdpAddress("127.0.0.1/" + trapPort).getValue()), 200, 1,
                new OctetString("notify"), new OctetString("v2c"), StorageType.permanent);
        targetMIB.addTargetParams(new OctetString("v2c"), MessageProcessingModel.MPv2c, SecurityModel.SECURITY_MODEL_SNMPv2c,
                new OctetString("cpublic"), SecurityLevel.NOAUTH_NOPRIV, StorageType.permanent);
        notificationMIB.addNotifyEntry(new OctetString("default"), new OctetString("notify"),
                SnmpNotificationMIB.SnmpNotifyTypeEnum.trap, StorageType.permanent);
    }

    @Override
    protected void addViews(VacmMIB vacm) {
        vacm.addGroup(SecurityModel.SECURITY_MODEL_SNMPv2c, new OctetString("cpublic"), new OctetString("v2group"), StorageType.nonVolatile);
        vacm.addGroup(SecurityModel.SECURITY_MODEL_USM, new OctetString(USER), new OctetString("v3group"), StorageType.nonVolatile);
        vacm.addAccess(new OctetString("v2group"), new OctetString(), SecurityModel.SECURITY_MODEL_ANY, SecurityLevel.NOAUTH_NOPRIV,
                MutableVACM.VACM_MATCH_EXACT, new OctetString("all"), new OctetString(), new OctetString("all"), StorageType.nonVolatile);
        vacm.addAccess(new OctetString("v3group"), new OctetString(), SecurityModel.SECURITY_MODEL_USM, SecurityLevel.AUTH_PRIV,
                MutableVACM.VACM_MATCH_EXACT, new OctetString("all"), new OctetString(), new OctetString("all"), StorageType.nonVolatile);
        vacm.addViewTreeFamily(new OctetString("all"), new OID("1.3"), new OctetString(), VacmMIB.vacmViewIncluded, StorageType.nonVolatile);
    }

    @Override
    protected void addCommunities(SnmpCommunityMIB communityMIB) {
        Variable[] row = {
            new OctetString("public"), new OctetString("cpublic"), getAgent().getContextEngineID(), new OctetString(""),
            new OctetString(), new Integer32(StorageType.nonVolatile), new Integer32(RowStatus.active)};
        communityMIB.getSnmpCommunityEntry().addRow(communityMIB.getSnmpCommunityEntry().createRow(new OctetString("public2public").toSubIndex(true), row));
    }

}
