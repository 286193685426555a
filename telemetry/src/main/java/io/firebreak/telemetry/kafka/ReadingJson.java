package io.firebreak.telemetry.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The JSON shape of a {@code Reading} on {@code firebreak.readings.v1}, as {@link Json#mapper()} has always
 * written it: snake_case names, nulls left out, the measurement's {@code kind} first. {@link ReadingWriter}
 * and {@link ReadingReader} share these names so they cannot drift apart.
 */
final class ReadingJson {

    /**
     * The one factory for every reading generator and parser: thread-safe, and it pools their buffers. Its
     * double parser gives the same, correctly rounded, values as {@code Double.parseDouble}, faster.
     */
    static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    static final String SOURCE = "source";
    static final String TS = "ts";
    static final String SEQ = "seq";
    static final String RECEIVED_AT = "received_at";
    static final String HISTORICAL = "historical";
    static final String MEASUREMENT = "measurement";

    static final String SITE = "site";
    static final String ROOM = "room";
    static final String KIND = "kind";
    static final String RACK = "rack";
    static final String DEVICE = "device";

    static final String BMS = "bms";
    static final String ENV = "env";
    static final String POWER = "power";
    static final String FIRE = "fire";
    static final String GATEWAY = "gateway";

    static final String CELL_V = "cell_v";
    static final String CELL_T = "cell_t";
    static final String CURRENT_A = "current_a";
    static final String SOC = "soc";

    static final String AIR_T = "air_t";
    static final String RH = "rh";
    static final String H2_PPM = "h2_ppm";
    static final String CO_PPM = "co_ppm";
    static final String VOC_PPM = "voc_ppm";
    static final String SMOKE_PCT_M = "smoke_pct_m";

    static final String ON_BATTERY = "on_battery";
    static final String INPUT_V = "input_v";
    static final String OUTPUT_KW = "output_kw";
    static final String OUTPUT_ON = "output_on";
    static final String BATTERY_BREAKER_CLOSED = "battery_breaker_closed";

    static final String ZONE = "zone";
    static final String EVENT = "event";
    static final String ONLINE = "online";

    private ReadingJson() {
    }
}
