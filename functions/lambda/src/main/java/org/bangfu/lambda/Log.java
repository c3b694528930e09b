package org.bangfu.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** One log line being built: add fields, then {@link #write()}. Written by {@link Json}, like every JSON we send. */
    public static final class Line {
        private final ObjectNode json = Json.object();

        Line(String level, String message) {
            json.put("time", Instant.now().toString());
            json.put("level", level);
            json.put("function", orDefault(FUNCTION_NAME.get(), FUNCTION));
            json.put("requestId", requestId());
            if (message != null) json.put("message", message);
        }

        public Line with(String name, String value) {
            if (value != null) json.put(name, value);
            return this;
        }

        public Line with(String name, long value) {
            json.put(name, value);
            return this;
        }

        public Line with(String name, Map<String, ?> values) {
            values.forEach((k, v) -> {
                if (v instanceof Number n) with(k, n.longValue());
                else if (v != null) with(k, v.toString());
            });
            return this;
        }

        /** The invocation's embedded-metric-format fields (see {@link Metrics}). */
        Line metrics(Metrics metrics, long timestampMillis) {
            metrics.addTo(json, timestampMillis);
            return this;
        }

        public String text() {
            return Json.write(json);
        }

        public void write() {
            if (Priming.active()) return;
            System.out.println(text());
        }
    }

    private static String orDefault(String v, String dflt) {
        return v == null || v.isBlank() ? dflt : v;
    }
}
