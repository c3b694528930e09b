package org.bangfu.core;

import java.security.SecureRandom;
import java.time.Duration;

/** The limits of signing in by SMS code, in one place (the store enforces them as write conditions). */
public final class SignInRules {
    public static final int CODE_DIGITS = 6;
    public static final Duration CODE_TTL = Duration.ofMinutes(5);
    public static final int MAX_TRIES = 5;
    public static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    public static final int PER_PHONE_PER_DAY = 10;
    public static final int PER_SOURCE_PER_HOUR = 30;
    /** Refresh tokens: a sign-in lasts this long without use; every use rotates the token. */
    public static final Duration REFRESH_TTL = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignInRules() {
    }

    public static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public static boolean looksLikeCode(String s) {
        return s != null && s.matches("[0-9]{" + CODE_DIGITS + "}");
    }

    /** The keyed hash a code is stored as (HMAC-SHA256 under a secret outside the table, bound to the phone). */
    public static String codeHash(byte[] key, String phone, String code) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal((phone + "|" + code).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An opaque refresh token: 256 random bits, base64url. Only its hash is stored. */
    public static String newRefreshToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
