package io.firebreak.telemetry.kafka;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Measurement;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random readings for property tests: every measurement kind, every optional field present or absent,
 * nulls inside cell lists, and doubles from the everyday to the extreme (huge, tiny, negative zero, random
 * bit patterns), never NaN or infinite.
 */
final class RandomReadings {

    private static final String IDENTIFIER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";
    /** Zones are free text: quotes, escapes, control characters, non-ASCII and a surrogate pair. */
    private static final String[] ZONE_PARTS = {"Z1", "hall \"B\"", "back\\slash", "tab\there", "nl\n", "\u0001", "Übergang",
        "구역", "\uD83D\uDD25", "/", "</script>"};

    private final Random random;

    RandomReadings(long seed) {
        this.random = new Random(seed);
    }

    Reading next() {
        return next(DeviceKind.values()[random.nextInt(DeviceKind.values().length)]);
    }

    Reading next(DeviceKind kind) {
        DeviceAddress source = kind == DeviceKind.BMS
                ? DeviceAddress.bms(identifier(), identifier(), identifier(), identifier())
                : DeviceAddress.of(identifier(), identifier(), kind, identifier());
        Long seq = random.nextInt(4) == 0 ? null : anyLong() & Long.MAX_VALUE;
        return new Reading(source, anyLong(), seq, anyLong(), random.nextBoolean(), measurement(kind));
    }

    /** A BMS sample as a module of 14 cells and 4 probes sends it: the benchmark's record. */
    static Reading typicalBms() {
        List<Double> volts = new ArrayList<>();
        for (int c = 0; c < 14; c++) {
            volts.add(3.3 + c * 0.0137);
        }
        return new Reading(DeviceAddress.bms("pangyo-a", "B3-battery", "3E-1", "M04"), 1_665_820_800_000L, 123_456L,
                1_665_820_800_125L, false, new BmsSample(volts, List.of(24.87, 25.13, 24.91, 25.42), -12.5, 0.87));
    }

    private Measurement measurement(DeviceKind kind) {
        return switch (kind) {
            case BMS -> new BmsSample(doubles(), doubles(), optionalDouble(), optionalDouble());
            case ENV -> new EnvSample(optionalDouble(), optionalDouble(), optionalDouble(), optionalDouble(),
                    optionalDouble(), optionalDouble());
            case POWER -> new PowerSample(optionalBoolean(), optionalDouble(), optionalDouble(), optionalBoolean(),
                    optionalBoolean());
            case FIRE -> new FireEvent(random.nextInt(3) == 0 ? null : zone(),
                    FireEventType.values()[random.nextInt(FireEventType.values().length)]);
            case GATEWAY -> new GatewayStatus(random.nextBoolean());
        };
    }

    private List<Double> doubles() {
        int size = random.nextInt(6) == 0 ? 0 : random.nextInt(40);
        List<Double> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(random.nextInt(8) == 0 ? null : anyDouble());
        }
        return values;
    }

    private Double optionalDouble() {
        return random.nextInt(3) == 0 ? null : anyDouble();
    }

    private Boolean optionalBoolean() {
        return random.nextInt(3) == 0 ? null : random.nextBoolean();
    }

    private double anyDouble() {
        return switch (random.nextInt(8)) {
            case 0 -> 3.0 + random.nextGaussian() * 0.2;
            case 1 -> 25 + random.nextGaussian() * 30;
            case 2 -> random.nextInt(2001) - 1000;
            case 3 -> (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextInt(600) - 300) * random.nextDouble();
            case 4 -> new double[] {0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1e-7, 1e7}[random.nextInt(7)];
            default -> finiteBits();
        };
    }

    private double finiteBits() {
        double value;
        do {
            value = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(value));
        return value;
    }

    private long anyLong() {
        return switch (random.nextInt(4)) {
            case 0 -> 1_600_000_000_000L + random.nextInt(1_000_000_000);
            case 1 -> new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}[random.nextInt(5)];
            default -> random.nextLong();
        };
    }

    private String identifier() {
        int length = random.nextInt(10) == 0 ? 64 : 1 + random.nextInt(12);
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(IDENTIFIER_CHARS.charAt(random.nextInt(IDENTIFIER_CHARS.length())));
        }
        return id.toString();
    }

    private String zone() {
        StringBuilder zone = new StringBuilder();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            zone.append(ZONE_PARTS[random.nextInt(ZONE_PARTS.length)]);
        }
        return zone.toString();
    }
}
