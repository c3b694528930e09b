package org.bangfu.core;

import java.util.Optional;

/**
 * A phone number as we store and send to it: E.164. A mainland mobile may be typed without the
 * country code (13812345678, 138 1234 5678, +86 138-1234-5678); others need their +country code.
 */
public final class Phone {
    private Phone() {
    }

    public static Optional<String> parse(String input) {
        if (input == null || input.length() > 24) return Optional.empty();
        String s = input.strip().replaceAll("[\\s\\-()]", "");
        if (s.startsWith("00")) s = "+" + s.substring(2);
        if (s.matches("1[3-9][0-9]{9}")) return Optional.of("+86" + s);
        if (s.startsWith("+86")) return s.substring(3).matches("1[3-9][0-9]{9}") ? Optional.of(s) : Optional.empty();
        return s.matches("\\+[1-9][0-9]{7,14}") ? Optional.of(s) : Optional.empty();
    }

    /** 138****5678: what a list shows to anyone who may not see the whole number. */
    public static String masked(String e164) {
        String national = e164.startsWith("+86") ? e164.substring(3) : e164;
        if (national.length() < 7) return "****";
        return national.substring(0, 3) + "****" + national.substring(national.length() - 4);
    }
}
