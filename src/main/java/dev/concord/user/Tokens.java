package dev.concord.user;

import java.security.SecureRandom;
import java.util.Base64;
import org.apache.commons.codec.digest.DigestUtils;

/** Random secrets (session cookies, API tokens) and the SHA-256 under which they are stored. */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    /** 32 random bytes, URL-safe base64 (43 characters), with a readable prefix. */
    public static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the secret's UTF-8 bytes, in lowercase hex: what is stored in its place. */
    public static String sha256(String secret) {
        return DigestUtils.sha256Hex(secret);
    }
}
