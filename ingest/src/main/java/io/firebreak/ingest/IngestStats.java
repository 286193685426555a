package io.firebreak.ingest;

/**
 * A snapshot of the bridge's counters since start.
 *
 * @param received     MQTT messages received (redeliveries included)
 * @param forwarded    readings Kafka acknowledged on the readings topic
 * @param deadLettered dead-letter records Kafka acknowledged (whole messages and single rejected values)
 * @param duplicates   messages dropped because their {@code seq} was already seen for that device
 * @param gaps         sequence numbers skipped by devices (seq 5 then 9 counts 3)
 * @param sendFailures messages left unacknowledged because Kafka did not take one of their records; the
 *                     broker redelivers them
 * @param dropped      messages acknowledged with nothing written: a flooding device beyond its rate limit, or
 *                     unknown senders beyond the dead-letter budget (counted by reason, never silent)
 */
public record IngestStats(long received, long forwarded, long deadLettered, long duplicates, long gaps,
                          long sendFailures, long dropped) {
}
