package org.bangfu.lambda;

import java.time.Instant;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on stdout (CloudWatch Logs takes each line as an
 * event; Logs Insights reads the fields). Every line carries the time, level, function, and the
 * request id of the invocation it belongs to, set once by the handler with {@link #begin}. No
 * line ever carries a request body: bodies hold personal data.
 */
public final class Log {
    static final String FUNCTION = orDefault(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), "local");
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static final ThreadLocal<String> FUNCTION_NAME = new ThreadLocal<>();

    private Log() {
    }

    /** The request id every line of this thread carries until {@link #end}. */
    public static void begin(String requestId) {
        REQUEST_ID.set(requestId);
    }

    /** As above, with the function's name from the Lambda context (locally: the template's logical id). */
    public static void begin(String requestId, com.amazonaws.services.lambda.runtime.Context context) {
        REQUEST_ID.set(requestId);
        if (context != null && context.getFunctionName() != null) FUNCTION_NAME.set(context.getFunctionName());
    }

    public static void end() {
        REQUEST_ID.remove();
        FUNCTION_NAME.remove();
    }

    public static String requestId() {
        return orDefault(REQUEST_ID.get(), "-");
    }

    public static Line info(String message) {
        return new Line("INFO", message);
    }

    public static Line warn(String message) {
        return new Line("WARN", message);
    }

    public static Line error(String message) {
        return new Line("ERROR", message);
    }

    /** One log line being built: add fields, then {@link #write()}. */
    public static final class Line {
        private final StringBuilder json = new StringBuilder(256);

        Line(String level, String message) {
            json.append('{');
            field("time", Instant.now().toString());
            field("level", level);
            field("function", orDefault(FUNCTION_NAME.get(), FUNCTION));
            field("requestId", requestId());
            if (message != null) field("message", message);
        }

        public Line with(String name, String value) {
            if (value != null) field(name, value);
            return this;
        }

        public Line with(String name, long value) {
            json.append(json.length() > 1 ? "," : "");
            quote(json, name).append(':').append(value);
            return this;
        }

        public Line with(String name, Map<String, ?> values) {
            values.forEach((k, v) -> {
                if (v instanceof Number n) with(k, n.longValue());
                else if (v != null) with(k, v.toString());
            });
            return this;
        }

        /** Appends raw JSON members (e.g. an embedded-metric-format block); for {@link Metrics} only. */
        Line raw(String members) {
            if (!members.isEmpty()) json.append(json.length() > 1 ? "," : "").append(members);
            return this;
        }

        private void field(String name, String value) {
            json.append(json.length() > 1 ? "," : "");
            quote(json, name).append(':');
            quote(json, value);
        }

        public String text() {
            return json + "}";
        }

        public void write() {
            if (Priming.active()) return;
            System.out.println(text());
        }
    }

    /** A JSON string, escaped: quotes, backslashes and control characters (and U+2028/9, for JavaScript readers). */
    static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"');
    }

    private static String orDefault(String v, String dflt) {
        return v == null || v.isBlank() ? dflt : v;
    }
}
