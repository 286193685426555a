package io.firebreak.gateway.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.firebreak.gateway.PollFailure;
import io.firebreak.gateway.PollOutcome;
import io.firebreak.gateway.Poller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one Modbus TCP server (digitalpetri modbus 2.x): every block's reads are sent at once, then each
 * block is decoded on its own, so one module answering an exception code does not cost the others their
 * sample. A server that is down is reconnected to on the next poll.
 */
public final class ModbusPoller implements Poller {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusPoller.class);

    private final ModbusDevice device;
    private final ModbusTcpClient client;
    private final Map<ModbusDevice.Block, Map<Integer, Integer>> modelBases = new HashMap<>();
    private final Map<ModbusDevice.Block, ReadPlan> plans = new HashMap<>();

    public ModbusPoller(ModbusDevice device) {
        this.device = device;
        NettyTcpClientTransport transport = NettyTcpClientTransport.create(cfg -> {
            cfg.hostname = device.host();
            cfg.port = device.port();
            cfg.connectTimeout = device.timeout();
            cfg.connectPersistent = false;
        });
        this.client = ModbusTcpClient.create(transport, cfg -> cfg.requestTimeout = device.timeout());
    }

    @Override
    public List<PollOutcome> poll() {
        PollFailure down = connect();
        List<PollOutcome> out = new ArrayList<>(device.blocks().size());
        if (down != null) {
            device.blocks().forEach(b -> out.add(PollOutcome.failed(b.source(), down)));
            return out;
        }
        List<ModbusDevice.Block> blocks = device.blocks();
        List<List<CompletableFuture<int[]>>> pending = new ArrayList<>(blocks.size());
        List<PollFailure> planFailures = new ArrayList<>(blocks.size());
        for (ModbusDevice.Block block : blocks) {
            PollFailure planFailure = null;
            ReadPlan plan = null;
            try {
                plan = plan(block);
            } catch (PlanException e) {
                planFailure = e.failure;
            }
            planFailures.add(planFailure);
            List<CompletableFuture<int[]>> reads = new ArrayList<>();
            if (plan != null) {
                for (ReadPlan.Span span : plan.spans()) {
                    reads.add(read(block.unitId(), span));
                }
            }
            pending.add(reads);
        }
        long deadline = System.nanoTime() + device.timeout().toNanos() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int b = 0; b < blocks.size(); b++) {
            ModbusDevice.Block block = blocks.get(b);
            PollFailure failure = planFailures.get(b);
            out.add(failure != null ? PollOutcome.failed(block.source(), failure) : collect(block, pending.get(b), deadline));
        }
        return out;
    }

    private PollOutcome collect(ModbusDevice.Block block, List<CompletableFuture<int[]>> reads, long deadline) {
        List<ReadPlan.Span> spans = plans.get(block).spans();
        int[][] values = new int[spans.size()][];
        for (int s = 0; s < spans.size(); s++) {
            try {
                values[s] = reads.get(s).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                return PollOutcome.failed(block.source(), failure(e.getCause(), block, spans.get(s)));
            } catch (TimeoutException e) {
                return PollOutcome.failed(block.source(), timeout(block, spans.get(s)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return PollOutcome.failed(block.source(), new PollFailure(PollFailure.Reason.TIMEOUT, "interrupted"));
            }
        }
        BlockDecoder.Decoded decoded = BlockDecoder.decode(device.map().points(), new RegisterImage(spans, values), block.base(),
                modelBases.getOrDefault(block, Map.of()));
        return decoded.failure() == null ? PollOutcome.sample(block.source(), decoded.fields())
                : PollOutcome.failed(block.source(), decoded.failure());
    }

    private CompletableFuture<int[]> read(int unitId, ReadPlan.Span span) {
        if (span.function() == RegisterFunction.HOLDING) {
            return client.readHoldingRegistersAsync(unitId, new ReadHoldingRegistersRequest(span.start(), span.quantity()))
                    .thenApply(ReadHoldingRegistersResponse::registers).thenApply(RegisterImage::words).toCompletableFuture();
        }
        return client.readInputRegistersAsync(unitId, new ReadInputRegistersRequest(span.start(), span.quantity()))
                .thenApply(ReadInputRegistersResponse::registers).thenApply(RegisterImage::words).toCompletableFuture();
    }

    private ReadPlan plan(ModbusDevice.Block block) throws PlanException {
        ReadPlan plan = plans.get(block);
        if (plan == null) {
            Map<Integer, Integer> bases = Map.of();
            if (device.map().sunspec()) {
                bases = SunSpecModels.locate(client, block.unitId(), device.timeout());
                for (Point p : device.map().points()) {
                    if (!bases.containsKey(p.model())) {
                        throw new PlanException(new PollFailure(PollFailure.Reason.NO_VALUE, "unit " + block.unitId()
                                + " has no SunSpec model " + p.model() + " (models found: " + bases.keySet() + ")"));
                    }
                }
                modelBases.put(block, bases);
            }
            plan = ReadPlan.of(device.map().points(), block.base(), bases);
            plans.put(block, plan);
        }
        return plan;
    }

    private PollFailure connect() {
        if (client.isConnected()) {
            return null;
        }
        try {
            client.connectAsync().toCompletableFuture().get(device.timeout().toMillis() + 50, TimeUnit.MILLISECONDS);
            LOG.info("event=modbus_connected device={} host={} port={}", device.name(), device.host(), device.port());
            return null;
        } catch (TimeoutException e) {
            return new PollFailure(PollFailure.Reason.TIMEOUT, "no connection to " + device.host() + ":" + device.port() + " within " + device.timeout().toMillis() + "ms");
        } catch (ExecutionException | CompletionException e) {
            return new PollFailure(PollFailure.Reason.UNREACHABLE, device.host() + ":" + device.port() + ": " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PollFailure(PollFailure.Reason.UNREACHABLE, "interrupted");
        }
    }

    private PollFailure failure(Throwable cause, ModbusDevice.Block block, ReadPlan.Span span) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String where = "unit " + block.unitId() + " " + span.function().name().toLowerCase(java.util.Locale.ROOT) + " " + span.start() + "+" + span.quantity();
        if (cause instanceof ModbusResponseException e) {
            String name = ExceptionCode.from(e.getExceptionCode()).map(Enum::name).orElse("UNKNOWN");
            return new PollFailure(PollFailure.Reason.MODBUS_EXCEPTION, "exception code " + e.getExceptionCode() + " " + name + " at " + where);
        }
        if (cause instanceof ModbusTimeoutException || cause instanceof TimeoutException) {
            return timeout(block, span);
        }
        return new PollFailure(PollFailure.Reason.UNREACHABLE, where + ": " + rootMessage(cause));
    }

    private PollFailure timeout(ModbusDevice.Block block, ReadPlan.Span span) {
        return new PollFailure(PollFailure.Reason.TIMEOUT, "no answer within " + device.timeout().toMillis() + "ms from unit "
                + block.unitId() + " at " + span.start() + "+" + span.quantity());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        try {
            client.disconnectAsync().toCompletableFuture().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("event=modbus_disconnect_failed device={} error={}", device.name(), e.toString());
        }
    }

    /** A block whose reads cannot be planned (its SunSpec models are missing). */
    static final class PlanException extends Exception {
        final transient PollFailure failure;

        PlanException(PollFailure failure) {
            super(failure.toString(), null, false, false);
            this.failure = failure;
        }
    }
}
