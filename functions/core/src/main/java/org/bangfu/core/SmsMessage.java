package org.bangfu.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message to one phone: {@code phone} in E.164 (+8613812345678), {@code template} one of the
 * names in {@link SmsTemplates} (e.g. {@code signin.code}), {@code params} its placeholders in order.
 */
public record SmsMessage(String phone, String template, Map<String, String> params) {
    public SmsMessage {
        if (phone == null || !phone.matches("\\+[1-9][0-9]{6,14}")) throw new IllegalArgumentException("phone must be E.164");
        if (!SmsTemplates.bundled().has(template)) throw new IllegalArgumentException("unknown SMS template " + template);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The text as the person will read it (SNS sends this; the China providers fill their approved copy of it). */
    public String text() {
        return SmsTemplates.bundled().render(template, params);
    }
}
