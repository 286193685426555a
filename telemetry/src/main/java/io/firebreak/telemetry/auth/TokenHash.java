package io.firebreak.telemetry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 of an operator's bearer token, as the configuration holds it ({@code sha256:<64 hex>} or the
 * bare hex). The token itself stays with the operator (the environment of their CLI); the service only
 * ever compares hashes, in constant time, so neither a configuration file nor a log can leak a token.
 */
public final class TokenHash {

    private static final String PREFIX = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] digest;

    private TokenHash(byte[] digest) {
        this.digest = digest;
    }

    /**
     * Parses a configured hash.
     *
     * @param text {@code sha256:<64 hex>} or 64 hex digits
     * @param key  the configuration key, named in the error
     */
    public static TokenHash parse(String text, String key) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(key + ": is required (sha256:<64 hex digits>)");
        }
        String hex = text.strip().toLowerCase(Locale.ROOT);
        if (hex.startsWith(PREFIX)) {
            hex = hex.substring(PREFIX.length());
        }
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            // never echo the value: someone may have pasted the token itself here
            throw new IllegalArgumentException(key + ": must be sha256:<64 hex digits> (the hash of the token, not the token)");
        }
        return new TokenHash(HexFormat.of().parseHex(hex));
    }

    /** The hash of {@code token}. */
    public static TokenHash of(String token) {
        return new TokenHash(sha256(token));
    }

    /** A new random token ({@code fbo_} and 43 base64url characters, 256 bits). */
    public static String newToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return "fbo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** True when {@code token} hashes to this, compared in constant time. */
    public boolean matches(String token) {
        return token != null && MessageDigest.isEqual(digest, sha256(token));
    }

    /** True when {@code presentedDigest} (a token's SHA-256) equals this, in constant time. */
    boolean matchesDigest(byte[] presentedDigest) {
        return MessageDigest.isEqual(digest, presentedDigest);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // SHA-256 is mandatory on every Java platform
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The configuration form, {@code sha256:<hex>}: a hash, safe to print. */
    public String text() {
        return PREFIX + HexFormat.of().formatHex(digest);
    }

    @Override
    public String toString() {
        return text();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenHash h && MessageDigest.isEqual(digest, h.digest);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(digest);
    }
}
