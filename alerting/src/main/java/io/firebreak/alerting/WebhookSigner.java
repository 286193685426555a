package io.firebreak.alerting;

import io.firebreak.telemetry.inventory.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs drain webhooks as the Standard Webhooks specification says (contract section 5): the
 * signature is {@code v1,} followed by the base64 HMAC-SHA256 of {@code "{webhook-id}.{webhook-timestamp}.{body}"},
 * keyed with the base64-decoded part of the target's {@code whsec_...} secret. During a key rotation a
 * target has several secrets, and the header carries one space-separated {@code v1,} entry per secret, in
 * order, so a receiver holding either key accepts.
 *
 * <p>Errors name where the secret came from ({@link Secret#origin()}), never the secret itself.
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys = new ArrayList<>();

    /**
     * @param secret a {@code whsec_<base64>} secret
     * @throws IllegalArgumentException when the secret lacks the prefix or is not base64
     */
    public WebhookSigner(Secret secret) {
        this(List.of(secret));
    }

    /**
     * @param secrets the target's {@code whsec_<base64>} secrets: the current one, then the next during a rotation
     * @throws IllegalArgumentException when there is none, or one lacks the prefix or is not base64
     */
    public WebhookSigner(List<Secret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("secret: at least one is required");
        }
        for (Secret secret : secrets) {
            keys.add(key(secret));
        }
    }

    private static SecretKeySpec key(Secret secret) {
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
        return new SecretKeySpec(raw, ALGORITHM);
    }

    /**
     * The {@code webhook-signature} header value for one attempt: {@code v1,<base64 HMAC-SHA256>}, one entry per
     * secret, separated by spaces.
     */
    public String sign(String webhookId, long timestampSeconds, String body) {
        byte[] signed = (webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder();
        try {
            for (SecretKeySpec key : keys) {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                header.append(header.length() == 0 ? "" : " ").append("v1,")
                        .append(Base64.getEncoder().encodeToString(mac.doFinal(signed)));
            }
            return header.toString();
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java platform; reaching this is a broken JDK
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
