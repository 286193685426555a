package io.firebreak.telemetry.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The kind-specific content of a reading (contract section 2). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BmsSample.class, name = "bms"),
    @JsonSubTypes.Type(value = EnvSample.class, name = "env"),
    @JsonSubTypes.Type(value = PowerSample.class, name = "power"),
    @JsonSubTypes.Type(value = FireEvent.class, name = "fire"),
    @JsonSubTypes.Type(value = GatewayStatus.class, name = "gateway")
})
public sealed interface Measurement permits BmsSample, EnvSample, PowerSample, FireEvent, GatewayStatus {
}
