package org.bangfu.sms;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bangfu.core.SmsSender;

/**
 * The pilot's SMS provider, from the function's environment (or JVM system properties of the same
 * names): SMS_PROVIDER = tencent | aliyun | sns, SMS_SIGN_NAME, SMS_TEMPLATE_IDS
 * ("signin.code=1234567;…": our template names → the provider's ids), the provider's credentials,
 * and SMS_ENDPOINT to point it elsewhere (the local outbox, the tests' fake servers).
 */
public final class SmsProviders {
    private static volatile SmsSender live;

    private SmsProviders() {
    }

    /** One sender per JVM (a Lambda container). */
    public static SmsSender fromEnvironment() {
        SmsSender s = live;
        if (s == null) {
            synchronized (SmsProviders.class) {
                s = live;
                if (s == null) live = s = create(SmsProviders::setting);
            }
        }
        return s;
    }

    /** A sender from these settings (a name → its value, null when unset): the tests' way in. */
    public static SmsSender create(UnaryOperator<String> settings) {
        Settings s = new Settings(settings);
        String provider = s.get("SMS_PROVIDER", "");
        String endpoint = s.get("SMS_ENDPOINT", "");
        return switch (provider) {
            case "tencent" -> new TencentSms(URI.create(endpoint.isEmpty() ? TencentSms.ENDPOINT : endpoint),
                    s.required("TENCENTCLOUD_SECRET_ID"), s.required("TENCENTCLOUD_SECRET_KEY"), s.required("SMS_APP_ID"),
                    s.required("SMS_SIGN_NAME"), s.get("SMS_REGION", "ap-guangzhou"), templateIds(s.get("SMS_TEMPLATE_IDS", "")));
            case "aliyun" -> new AliyunSms(URI.create(endpoint.isEmpty() ? AliyunSms.ENDPOINT : endpoint),
                    s.required("ALIBABA_CLOUD_ACCESS_KEY_ID"), s.required("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), s.required("SMS_SIGN_NAME"),
                    templateIds(s.get("SMS_TEMPLATE_IDS", "")), java.time.Clock.systemUTC());
            case "sns" -> new SnsSms(endpoint.isEmpty() ? null : URI.create(endpoint), s.get("AWS_REGION", "us-east-1"));
            default -> throw new IllegalStateException("SMS_PROVIDER must be tencent, aliyun or sns (was '" + provider + "')");
        };
    }

    private record Settings(UnaryOperator<String> source) {
        String get(String name, String dflt) {
            String v = source.apply(name);
            return v == null ? dflt : v.strip();
        }

        String required(String name) {
            String v = get(name, "");
            if (v.isEmpty()) throw new IllegalStateException(name + " is not set (needed by SMS_PROVIDER=" + get("SMS_PROVIDER", "") + ")");
            return v;
        }
    }

    /** "signin.code=1234567;claim.made=7654321" → map. */
    static Map<String, String> templateIds(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : spec.split("[;,]")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    /** Environment first (Lambda), then a JVM system property of the same name. */
    static String setting(String name) {
        String v = System.getenv(name);
        return v != null ? v : System.getProperty(name);
    }
}
