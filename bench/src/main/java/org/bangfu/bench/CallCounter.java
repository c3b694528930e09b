package org.bangfu.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts every DynamoDB call made in the benchmark JVM by operation (registered for every SDK
 * client through the SDK's global interceptor file), so the listing benchmark can show that 10,000
 * needs are listed with Query on the indexes and never a Scan.
 */
public final class CallCounter implements ExecutionInterceptor {
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String op = context.request().getClass().getSimpleName().replace("Request", "");
        CALLS.computeIfAbsent(op, k -> new LongAdder()).increment();
    }

    static Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        CALLS.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    static long count(String op) {
        LongAdder a = CALLS.get(op);
        return a == null ? 0 : a.sum();
    }
}
