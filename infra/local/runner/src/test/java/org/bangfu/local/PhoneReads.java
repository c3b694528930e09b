package org.bangfu.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.store.TableDesign;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Counts, per function, the reads of each phone item (PHONE#+86…), so a test can tell whether a
 * function looked a phone up at all (registered beside DynamoCallRecorder; calls outside a function,
 * such as a test making a person, are not counted).
 */
public final class PhoneReads implements ExecutionInterceptor {
    private static final Map<String, AtomicInteger> READS = new ConcurrentHashMap<>();

    /** How often {@code function} has read the item of {@code phone} (E.164). */
    static int of(String function, String phone) {
        AtomicInteger n = READS.get(function + " " + phone);
        return n == null ? 0 : n.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String function = Gateway.CURRENT_FUNCTION.get();
        if (function == null || !(context.request() instanceof GetItemRequest g)) return;
        AttributeValue pk = g.key().get(TableDesign.PK);
        if (pk != null && pk.s() != null && pk.s().startsWith("PHONE#")) {
            READS.computeIfAbsent(function + " " + pk.s().substring("PHONE#".length()), k -> new AtomicInteger()).incrementAndGet();
        }
    }
}
