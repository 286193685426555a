package io.firebreak.gateway.modbus;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import io.firebreak.gateway.PollFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds where each SunSpec model of a unit starts: the marker {@code SunS} (0x5375 0x6E53) at one of the
 * standard base addresses, then the chain of models, each an ID and a length, up to the end marker 0xFFFF.
 */
final class SunSpecModels {

    static final List<Integer> BASES = List.of(40_000, 0, 50_000);
    private static final int MAX_MODELS = 64;

    private SunSpecModels() {
    }

    /** Model id to the address of its ID register. */
    static Map<Integer, Integer> locate(ModbusTcpClient client, int unitId, Duration timeout) throws ModbusPoller.PlanException {
        for (int base : BASES) {
            int[] marker = read(client, unitId, base, 2, timeout);
            if (marker != null && marker[0] == 0x5375 && marker[1] == 0x6E53) {
                return walk(client, unitId, base + 2, timeout);
            }
        }
        throw new ModbusPoller.PlanException(new PollFailure(PollFailure.Reason.NO_VALUE,
                "unit " + unitId + " has no SunSpec marker at " + BASES));
    }

    private static Map<Integer, Integer> walk(ModbusTcpClient client, int unitId, int address, Duration timeout) throws ModbusPoller.PlanException {
        Map<Integer, Integer> models = new LinkedHashMap<>();
        for (int i = 0; i < MAX_MODELS && address < 65_534; i++) {
            int[] header = read(client, unitId, address, 2, timeout);
            if (header == null || header[0] == 0xFFFF) {
                break;
            }
            models.putIfAbsent(header[0], address);
            address += 2 + header[1];
        }
        return models;
    }

    private static int[] read(ModbusTcpClient client, int unitId, int address, int quantity, Duration timeout) throws ModbusPoller.PlanException {
        try {
            byte[] bytes = client.readHoldingRegistersAsync(unitId, new ReadHoldingRegistersRequest(address, quantity))
                    .toCompletableFuture().get(timeout.toMillis() + 50, TimeUnit.MILLISECONDS).registers();
            return RegisterImage.words(bytes);
        } catch (ExecutionException e) {
            return null; // an exception code here means nothing at this address: try the next base
        } catch (TimeoutException e) {
            throw new ModbusPoller.PlanException(new PollFailure(PollFailure.Reason.TIMEOUT,
                    "no answer within " + timeout.toMillis() + "ms while locating SunSpec models of unit " + unitId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModbusPoller.PlanException(new PollFailure(PollFailure.Reason.TIMEOUT, "interrupted"));
        }
    }
}
