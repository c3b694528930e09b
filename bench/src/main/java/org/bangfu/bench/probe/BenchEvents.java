package org.bangfu.bench.probe;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The event a cold-start spec describes, for benchmarks outside the probe (the custom runtime's, sent as JSON). */
public final class BenchEvents {
    private BenchEvents() {
    }

    public static Object build(Properties spec) {
        return switch (spec.getProperty("event", "map")) {
            case "http" -> HttpEvents.build(spec);
            case "dynamodb" -> StreamEvents.build(spec);
            default -> {
                Map<String, Object> m = new HashMap<>();
                for (String k : spec.stringPropertyNames()) {
                    if (k.startsWith("map.")) m.put(k.substring(4), spec.getProperty(k));
                }
                yield m;
            }
        };
    }
}
