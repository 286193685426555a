package io.firebreak.alerting;

import io.firebreak.telemetry.inventory.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs drain webhooks as the Standard Webhooks specification says (contract section 5): the
 * signature is {@code v1,} followed by the base64 HMAC-SHA256 of {@code "{webhook-id}.{webhook-timestamp}.{body}"},
 * keyed with the base64-decoded part of the target's {@code whsec_...} secret.
 *
 * <p>Errors name where the secret came from ({@link Secret#origin()}), never the secret itself.
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /**
     * @param secret a {@code whsec_<base64>} secret
     * @throws IllegalArgumentException when the secret lacks the prefix or is not base64
     */
    public WebhookSigner(Secret secret) {
        String value = secret.reveal();
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("secret (" + secret.origin() + "): must start with whsec_");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            // the decoder's own message quotes a character of the secret: do not chain it
            throw new IllegalArgumentException("secret (" + secret.origin() + "): the part after whsec_ is not base64");
        }
        if (raw.length == 0) {
            throw new IllegalArgumentException("secret (" + secret.origin() + "): the key after whsec_ is empty");
        }
        this.key = new SecretKeySpec(raw, ALGORITHM);
    }

    /** The {@code webhook-signature} header value for one attempt, {@code v1,<base64 HMAC-SHA256>}. */
    public String sign(String webhookId, long timestampSeconds, String body) {
        String signed = webhookId + "." + timestampSeconds + "." + body;
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java platform; reaching this is a broken JDK
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
