package org.bangfu.core;

import java.security.SecureRandom;

/** Short random ids that read well in a share link: a letter for the kind, then 12 base-32 characters (60 bits). */
public final class Ids {
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String need() {
        return "n" + random(12);
    }

    public static String person() {
        return "p" + random(12);
    }

    /** A person's id: ours ("p…"), or a demo/dev one (letters, digits, _ . @ -). */
    public static boolean looksLikePerson(String id) {
        return id != null && id.matches("[A-Za-z0-9_.@-]{1,64}");
    }

    public static String claim() {
        return "c" + random(12);
    }

    public static String organisation() {
        return "o" + random(12);
    }

    public static String offer() {
        return "f" + random(12);
    }

    public static String proposal() {
        return "p" + random(12);
    }

    public static String helpImport() {
        return "i" + random(12);
    }

    public static String photo() {
        return "m" + random(12);
    }

    /** The id a retried request makes again: derived from its seed (SHA-256), same shape as a random one. */
    public static String needFrom(String seed) {
        return "n" + derived(seed, 12);
    }

    public static String claimFrom(String seed) {
        return "c" + derived(seed, 12);
    }

    public static String organisationFrom(String seed) {
        return "o" + derived(seed, 12);
    }

    public static String offerFrom(String seed) {
        return "f" + derived(seed, 12);
    }

    public static String proposalFrom(String seed) {
        return "p" + derived(seed, 12);
    }

    private static String derived(String seed, int length) {
        byte[] h;
        try {
            h = java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = ALPHABET[(h[i] & 0xff) % ALPHABET.length];
        return new String(out);
    }

    static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(out);
    }

    /** Ids arrive in URLs: accept only what we make, so nothing odd reaches a key expression or a log. */
    public static boolean looksValid(String id, char kind) {
        if (id == null || id.length() != 13 || id.charAt(0) != kind) return false;
        for (int i = 1; i < id.length(); i++) {
            if (new String(ALPHABET).indexOf(id.charAt(i)) < 0) return false;
        }
        return true;
    }
}
