package io.firebreak.alerting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification with
 * javax.crypto alone so that tests do not grade the production signer with itself.
 */
final class StandardWebhooksVerifier {

    private StandardWebhooksVerifier() {
    }

    /** The base64 HMAC-SHA256 of {@code "{id}.{timestamp}.{body}"} under the key in {@code whsec}. */
    static String expectedSignature(String whsec, String id, String timestamp, String body) throws Exception {
        byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }

    /** True when one of the space-separated {@code v1,<sig>} entries of {@code header} matches. */
    static boolean verify(String whsec, String id, String timestamp, String body, String header) throws Exception {
        byte[] expected = expectedSignature(whsec, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        for (String entry : header.split(" ")) {
            if (entry.startsWith("v1,")
                    && MessageDigest.isEqual(expected, entry.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
