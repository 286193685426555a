package io.firebreak.gateway.bench;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A Modbus TCP server in the JVM (the digitalpetri library's own server side) that serves register images
 * per unit id, for integration tests and {@code firebreak bench gateway}: a simulated rack controller. It can
 * be told to misbehave as real devices do: answer an exception code, answer slowly, or stop.
 */
public final class ModbusRackServer implements AutoCloseable {

    /** How the server answers reads. */
    public enum Behaviour { NORMAL, EXCEPTION, SLOW }

    private final int port;
    private final ModbusTcpServer server;
    private final Map<Integer, int[]> holding = new ConcurrentHashMap<>();
    private final Map<Integer, int[]> input = new ConcurrentHashMap<>();
    private volatile Behaviour behaviour = Behaviour.NORMAL;
    private volatile int exceptionUnit = -1;
    private volatile long slowMs;
    private final java.util.Set<Integer> silent = ConcurrentHashMap.newKeySet();
    private boolean running;

    private ModbusRackServer(int port) {
        this.port = port;
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
            cfg.bindAddress = "127.0.0.1";
            cfg.port = port;
        });
        this.server = ModbusTcpServer.create(transport, new Services());
    }

    /** Starts serving on {@code 127.0.0.1:port}. */
    public static ModbusRackServer start(int port) {
        ModbusRackServer s = new ModbusRackServer(port);
        s.resume();
        return s;
    }

    public int port() {
        return port;
    }

    /** Writes {@code words} (unsigned 16-bit) into the holding registers of {@code unitId} from {@code address}. */
    public void holding(int unitId, int address, int[] words) {
        write(holding, unitId, address, words);
    }

    public void input(int unitId, int address, int[] words) {
        write(input, unitId, address, words);
    }

    /** Answers every read of {@code unitId} (or of every unit, -1) with exception code 4, server device failure. */
    public void failWithException(int unitId) {
        exceptionUnit = unitId;
        behaviour = Behaviour.EXCEPTION;
    }

    /** Answers every read after {@code delayMs}. */
    public void answerSlowly(long delayMs) {
        slowMs = delayMs;
        behaviour = Behaviour.SLOW;
    }

    /**
     * Makes one unit answer exception code 11 (gateway target device failed to respond), as a rack controller
     * does for a module that has gone quiet; {@code false} brings it back.
     */
    public void silence(int unitId, boolean quiet) {
        if (quiet) {
            silent.add(unitId);
        } else {
            silent.remove(unitId);
        }
    }

    public void behaveNormally() {
        behaviour = Behaviour.NORMAL;
    }

    /** Stops listening, as a rack controller that lost power does; {@link #resume()} brings it back. */
    public synchronized void halt() {
        if (running) {
            try {
                server.stop();
            } catch (ExecutionException e) {
                throw new IllegalStateException("modbus server: cannot stop: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running = false;
        }
    }

    public synchronized void resume() {
        if (!running) {
            try {
                server.start();
            } catch (ExecutionException e) {
                throw new IllegalStateException("modbus server: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running = true;
        }
    }

    @Override
    public void close() {
        halt();
    }

    private static void write(Map<Integer, int[]> image, int unitId, int address, int[] words) {
        int[] regs = image.computeIfAbsent(unitId, u -> new int[65_536]);
        synchronized (regs) {
            System.arraycopy(words, 0, regs, address, words.length);
        }
    }

    private byte[] read(Map<Integer, int[]> image, int unitId, int address, int quantity, FunctionCode function)
            throws ModbusResponseException, UnknownUnitIdException {
        Behaviour now = behaviour;
        if (now == Behaviour.EXCEPTION && (exceptionUnit < 0 || exceptionUnit == unitId)) {
            throw new ModbusResponseException(function, ExceptionCode.SLAVE_DEVICE_FAILURE);
        }
        if (now == Behaviour.SLOW) {
            try {
                Thread.sleep(slowMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int[] regs = image.get(unitId);
        if (regs == null || silent.contains(unitId)) {
            throw new ModbusResponseException(function, ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPONSE);
        }
        if (quantity < 1 || quantity > 125 || address + quantity > 65_536) {
            throw new ModbusResponseException(function, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        byte[] out = new byte[quantity * 2];
        synchronized (regs) {
            for (int i = 0; i < quantity; i++) {
                out[2 * i] = (byte) (regs[address + i] >> 8);
                out[2 * i + 1] = (byte) regs[address + i];
            }
        }
        return out;
    }

    private final class Services implements ModbusServices {
        @Override
        public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unitId, ReadHoldingRegistersRequest request)
                throws ModbusResponseException, UnknownUnitIdException {
            return new ReadHoldingRegistersResponse(read(holding, unitId, request.address(), request.quantity(), FunctionCode.READ_HOLDING_REGISTERS));
        }

        @Override
        public ReadInputRegistersResponse readInputRegisters(ModbusRequestContext context, int unitId, ReadInputRegistersRequest request)
                throws ModbusResponseException, UnknownUnitIdException {
            return new ReadInputRegistersResponse(read(input, unitId, request.address(), request.quantity(), FunctionCode.READ_INPUT_REGISTERS));
        }
    }
}
