package org.bangfu.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The family a need is for. Every field here is personal: never shown to the public. */
public record Household(String id, String name, String idNumber, String phone, String address, AreaCode area) {

    /**
     * Households are recognised by the resident ID number, so two cadres posting for the same family
     * land on the same household (and the one-open-need-per-category rule holds across posters).
     */
    public static String idFor(String idNumber) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("household:" + idNumber).getBytes(StandardCharsets.UTF_8));
            return "hh_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String maskedName() {
        return Masking.maskName(name);
    }
}
