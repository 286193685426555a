package io.firebreak.gateway.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.Snmp;
import org.snmp4j.TransportMapping;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * One snmp4j session with its own message dispatcher and its own USM, never the library's process-wide
 * one: several gateways, or a gateway and a test agent, can share a JVM without sharing SNMPv3 users.
 */
record SnmpSession(Snmp snmp, USM usm) {

    static SnmpSession open(UdpAddress listen) {
        SecurityProtocols protocols = SecurityProtocols.getInstance();
        protocols.addDefaultProtocols();
        USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(usm));
        try {
            TransportMapping<UdpAddress> transport = listen == null ? new DefaultUdpTransportMapping() : new DefaultUdpTransportMapping(listen);
            Snmp snmp = new Snmp(dispatcher, transport);
            snmp.listen();
            return new SnmpSession(snmp, usm);
        } catch (IOException e) {
            throw new UncheckedIOException("snmp: cannot open a UDP socket" + (listen == null ? "" : " on " + listen) + ": " + e.getMessage(), e);
        }
    }
}
