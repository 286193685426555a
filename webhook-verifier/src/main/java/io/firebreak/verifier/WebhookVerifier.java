package io.firebreak.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a Firebreak drain webhook (Standard Webhooks) before a traffic system acts on it: the
 * {@code webhook-signature} (HMAC-SHA256 of {@code "{webhook-id}.{webhook-timestamp}.{body}"}, one of possibly
 * several space-separated {@code v1,<base64>} entries during a key rotation), the {@code webhook-timestamp}
 * (within the tolerance, 5 minutes by default, in both directions) and repeats: Firebreak sends every retry
 * of a decision under the same {@code webhook-id}, so an id already verified is reported as a
 * {@link Result#DUPLICATE} (answer 2xx, do not drain twice). Ids are remembered for the tolerance window and
 * at most {@code maxIds} of them, so memory stays bounded; a repeat older than that fails the timestamp check.
 *
 * <pre>
 * WebhookVerifier verifier = new WebhookVerifier(List.of(System.getenv("FIREBREAK_WHSEC")));
 * switch (verifier.verify(id, timestamp, signature, body)) {   // throws WebhookVerificationException
 *     case ACCEPTED: drain(body); break;
 *     case DUPLICATE: break;                                     // already done: answer 2xx all the same
 * }
 * </pre>
 *
 * No dependency beyond the JDK (Java 11+); thread-safe.
 */
public final class WebhookVerifier {

    /** The Standard Webhooks default: a timestamp more than 5 minutes from now is refused. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** At most this many ids are remembered at once by default. */
    public static final int DEFAULT_MAX_IDS = 100_000;

    private static final String ALGORITHM = "HmacSHA256";

    /** What a verified webhook is. */
    public enum Result {
        /** Signed, on time, and seen for the first time: act on it. */
        ACCEPTED,
        /** Signed and on time, but its {@code webhook-id} was verified before: a retry; do not act twice. */
        DUPLICATE
    }

    /** Why a webhook was refused. */
    public enum Reason {
        MISSING_HEADER, BAD_TIMESTAMP, TIMESTAMP_TOO_OLD, TIMESTAMP_IN_FUTURE, NO_SIGNATURE, BAD_SIGNATURE
    }

    /** A webhook that must not be acted on (answer 400 or 401); the message names the header, never a secret. */
    public static final class WebhookVerificationException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        WebhookVerificationException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private final List<SecretKeySpec> keys = new ArrayList<>();
    private final Duration tolerance;
    private final Clock clock;
    private final int maxIds;
    /** webhook-id to when it was first verified (epoch seconds), oldest first. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    /** With the default tolerance (5 min), the system clock and {@link #DEFAULT_MAX_IDS}. */
    public WebhookVerifier(List<String> secrets) {
        this(secrets, DEFAULT_TOLERANCE, Clock.systemUTC(), DEFAULT_MAX_IDS);
    }

    /**
     * @param secrets   the receiver's {@code whsec_<base64>} secrets: during a rotation both old and new, and any
     *                  one matching entry is enough
     * @param tolerance how far {@code webhook-timestamp} may be from now, either way
     * @param clock     now
     * @param maxIds    the most {@code webhook-id}s remembered at once (the oldest go first)
     */
    public WebhookVerifier(List<String> secrets, Duration tolerance, Clock clock, int maxIds) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("secrets: at least one whsec_ secret is required");
        }
        for (int i = 0; i < secrets.size(); i++) {
            keys.add(new SecretKeySpec(decode(secrets.get(i), i), ALGORITHM));
        }
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("tolerance: must be a positive duration, was " + tolerance);
        }
        if (maxIds < 1) {
            throw new IllegalArgumentException("maxIds: must be >= 1, was " + maxIds);
        }
        this.tolerance = tolerance;
        this.clock = clock;
        this.maxIds = maxIds;
    }

    /**
     * Verifies one webhook.
     *
     * @param id        the {@code webhook-id} header
     * @param timestamp the {@code webhook-timestamp} header (unix seconds)
     * @param signature the {@code webhook-signature} header
     * @param body      the raw request body, exactly as received
     * @return {@link Result#ACCEPTED} the first time, {@link Result#DUPLICATE} for a repeat of a verified id
     * @throws WebhookVerificationException when a header is missing, the timestamp is out of tolerance or no
     *                                      signature matches
     */
    public Result verify(String id, String timestamp, String signature, byte[] body) throws WebhookVerificationException {
        if (id == null || id.isEmpty() || timestamp == null || signature == null || body == null) {
            throw new WebhookVerificationException(Reason.MISSING_HEADER,
                    "webhook-id, webhook-timestamp and webhook-signature are required");
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException(Reason.BAD_TIMESTAMP, "webhook-timestamp: not unix seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (sent < now - tolerance.getSeconds()) {
            throw new WebhookVerificationException(Reason.TIMESTAMP_TOO_OLD, "webhook-timestamp: older than " + tolerance);
        }
        if (sent > now + tolerance.getSeconds()) {
            throw new WebhookVerificationException(Reason.TIMESTAMP_IN_FUTURE, "webhook-timestamp: more than " + tolerance + " ahead");
        }
        byte[] signed = concat((id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8), body);
        if (!matches(signed, signature)) {
            throw new WebhookVerificationException(Reason.BAD_SIGNATURE, "webhook-signature: no v1 signature matches");
        }
        return remember(id, now);
    }

    /** As {@link #verify(String, String, String, byte[])} with a UTF-8 body. */
    public Result verify(String id, String timestamp, String signature, String body) throws WebhookVerificationException {
        return verify(id, timestamp, signature, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets {@code id}: call it when acting on an accepted webhook failed and you answer non-2xx, so its retry is acted on. */
    public synchronized void forget(String id) {
        seen.remove(id);
    }

    private boolean matches(byte[] signed, String header) throws WebhookVerificationException {
        List<byte[]> candidates = new ArrayList<>();
        for (String entry : header.trim().split(" +")) {
            if (entry.startsWith("v1,")) {
                try {
                    candidates.add(Base64.getDecoder().decode(entry.substring(3)));
                } catch (IllegalArgumentException e) {
                    // a malformed entry cannot match; others may
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new WebhookVerificationException(Reason.NO_SIGNATURE, "webhook-signature: no v1,<base64> entry");
        }
        boolean match = false;
        for (SecretKeySpec key : keys) {
            byte[] expected = hmac(key, signed);
            for (byte[] candidate : candidates) {
                // constant time, and no early exit: timing says nothing about which entry or key matched
                match |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return match;
    }

    private synchronized Result remember(String id, long now) {
        long horizon = now - tolerance.getSeconds();
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            // oldest first: stop at the first id still inside the window
            if (it.next().getValue() >= horizon) {
                break;
            }
            it.remove();
        }
        if (seen.containsKey(id)) {
            return Result.DUPLICATE;
        }
        if (seen.size() >= maxIds) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(id, now);
        return Result.ACCEPTED;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] decode(String secret, int index) {
        if (secret == null) {
            throw new IllegalArgumentException("secrets[" + index + "]: is null");
        }
        String base64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes the secret: do not chain it
            throw new IllegalArgumentException("secrets[" + index + "]: the part after whsec_ is not base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("secrets[" + index + "]: the key is empty");
        }
        return key;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
