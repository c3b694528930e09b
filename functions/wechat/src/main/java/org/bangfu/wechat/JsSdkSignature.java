package org.bangfu.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * WeChat's JS-SDK signature (附录1 of the JS-SDK docs): the four fields jsapi_ticket, noncestr,
 * timestamp and url, sorted by name, joined as key=value&…, raw (no URL escaping), SHA-1 in hex.
 */
public final class JsSdkSignature {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private JsSdkSignature() {
    }

    public static String sign(String jsapiTicket, String nonceStr, long timestamp, String url) {
        Map<String, String> fields = new TreeMap<>(Map.of("jsapi_ticket", jsapiTicket, "noncestr", nonceStr,
                "timestamp", Long.toString(timestamp), "url", url));
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(k).append('=').append(v));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 16 random letters and digits (what wx.config calls nonceStr). */
    public static String nonce() {
        StringBuilder s = new StringBuilder(16);
        for (int i = 0; i < 16; i++) s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return s.toString();
    }
}
