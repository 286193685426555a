package io.firebreak.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON the gateway publishes (contract section 2): {@code ts} and {@code seq} first, then the fields. */
final class Payloads {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Payloads() {
    }

    static byte[] reading(long ts, long seq, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ts", ts);
        body.put("seq", seq);
        body.putAll(fields);
        return write(body);
    }

    /** The retained gateway status; {@code faults} is a forward-compatible field the contract keeps. */
    static byte[] status(long ts, Collection<DeviceFault> faults) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ts", ts);
        body.put("online", true);
        List<Map<String, Object>> list = new ArrayList<>();
        for (DeviceFault fault : faults) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("device", fault.device());
            f.put("reason", fault.failure().reason().label());
            f.put("detail", fault.failure().detail());
            f.put("since", fault.since());
            f.put("missed_polls", fault.missedPolls());
            list.add(f);
        }
        body.put("faults", list);
        return write(body);
    }

    private static byte[] write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a payload: " + e.getMessage(), e);
        }
    }
}
