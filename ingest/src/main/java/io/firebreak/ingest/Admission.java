package io.firebreak.ingest;

import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.ParseOutcome;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.inventory.DeviceAllowList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a parsed message may enter the pipeline (issue 15): a reading from a device the inventory
 * does not list becomes one {@code unknown_device} dead letter and never evidence; a listed device that floods
 * is throttled (counted, one dead letter a minute saying how many were dropped). Unknown senders' dead letters
 * are themselves bounded by one shared bucket, so invented names cannot flood the dead-letter topic either.
 * Called from ingest's forwarder thread only.
 */
final class Admission {

    /**
     * What becomes of one message.
     *
     * @param outcome what to write to Kafka, or null when nothing is written (the message is counted as
     *                {@code dropped} and acknowledged)
     * @param dropped the reason class a message with nothing written is counted under, else null
     */
    record Result(ParseOutcome outcome, RejectReason dropped, DeviceAddress refused) {
        Result(ParseOutcome outcome, RejectReason dropped) {
            this(outcome, dropped, null);
        }
    }

    /** Dead letters per second for all unknown senders together, beyond which they are only counted. */
    static final double UNKNOWN_RATE = 50;
    static final int UNKNOWN_BURST = 1_000;
    private static final String UNKNOWN_BUCKET = "unknown senders";

    private final DeviceAllowList allowList;
    private final DeviceRateLimiter perDevice;
    private final DeviceRateLimiter unknownSenders = new DeviceRateLimiter(UNKNOWN_RATE, UNKNOWN_BURST);
    private final UnknownDevices unknown;

    Admission(DeviceAdmission settings, TimeMode timeMode, UnknownDevices unknown) {
        this.allowList = settings.inventory() == null ? null : new DeviceAllowList(settings.inventory());
        // replay publishes recordings faster than real time by design: the rate limit is for live sites
        this.perDevice = new DeviceRateLimiter(timeMode == TimeMode.LIVE ? settings.ratePerSecond() : 0, settings.burst());
        this.unknown = unknown;
    }

    Result admit(ParseOutcome parsed, String topic, byte[] payload, long now) {
        if (parsed.reading().isEmpty()) {
            return new Result(parsed, null);
        }
        Reading reading = parsed.reading().get();
        Optional<String> refusal = allowList == null ? Optional.empty() : allowList.refusal(reading);
        if (refusal.isPresent()) {
            unknown.refused(reading.source(), refusal.get(), now);
            if (!unknownSenders.admit(UNKNOWN_BUCKET, now).admitted()) {
                return new Result(null, RejectReason.UNKNOWN_DEVICE, reading.source());
            }
            DeadLetter letter = parsed.deadLetters().isEmpty() ? null : parsed.deadLetters().get(0);
            String reason = letter == null ? refusal.get() : refusal.get() + " (also: " + letter.reason() + ")";
            return new Result(new ParseOutcome(Optional.empty(), List.of(new DeadLetter(topic, payload, reading.receivedAt(), reason, null))),
                    null, reading.source());
        }
        DeviceRateLimiter.Verdict verdict = perDevice.admit(reading.source().deviceId(), now);
        if (verdict.admitted()) {
            return new Result(parsed, null);
        }
        if (!verdict.report()) {
            return new Result(null, RejectReason.RATE_LIMITED);
        }
        String reason = "rate_limited: " + reading.source().deviceId() + " sent more than its limit (mqtt.device_rate "
                + "per second, mqtt.device_burst at once); " + verdict.droppedSinceReport()
                + " message(s) dropped since the last report, this one included";
        return new Result(new ParseOutcome(Optional.empty(), List.of(new DeadLetter(topic, payload, reading.receivedAt(), reason, null))), null);
    }
}
