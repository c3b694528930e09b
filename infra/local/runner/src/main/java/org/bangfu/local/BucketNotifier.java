package org.bangfu.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 event notifications, locally: the local S3 server sends none, so every function with an S3
 * event is invoked, with the event S3 would send (as JSON data: one record per object, ObjectCreated:Post),
 * for each new object under its filter's prefix, found by listing the bucket every few hundred
 * milliseconds. Each object (key + ETag) is notified once; as in AWS a function failing is retried
 * (up to twice) before the notification is dropped.
 */
public final class BucketNotifier implements AutoCloseable {
    public record Target(String functionId, RequestHandler<java.util.Map<String, Object>, ?> handler, String bucket, String prefix) {
    }

    private final S3Client s3;
    private final List<Target> targets;
    private final String region;
    private final Set<String> notified = new HashSet<>();
    private final java.util.Map<String, Integer> failures = new java.util.HashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-s3-notifications");
        t.setDaemon(true);
        return t;
    });

    public BucketNotifier(S3Client s3, List<Target> targets, String region) {
        this.s3 = s3;
        this.targets = targets;
        this.region = region;
    }

    public BucketNotifier start(long periodMillis) {
        if (periodMillis > 0 && !targets.isEmpty()) {
            executor.scheduleWithFixedDelay(() -> {
                try {
                    drain();
                } catch (RuntimeException e) {
                    System.err.println("local S3 notifications: " + e);
                }
            }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Notifies every object not notified yet, now; returns how many (tests call this instead of waiting). */
    public synchronized int drain() {
        int sent = 0;
        for (Target t : targets) {
            Set<String> present = new HashSet<>();
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(t.bucket()).prefix(t.prefix())).contents()) {
                String id = t.functionId() + "|" + o.key() + "|" + o.eTag();
                present.add(id);
                if (notified.contains(id)) continue;
                if (invoke(t, o)) {
                    notified.add(id);
                    sent++;
                } else if (failures.merge(id, 1, Integer::sum) >= 3) {
                    notified.add(id); // S3's asynchronous invocation gives up after two retries too
                }
            }
            // Forget what is gone (the function deletes originals), so the set stays small.
            notified.removeIf(id -> id.startsWith(t.functionId() + "|") && !present.contains(id));
        }
        return sent;
    }

    /** Sends the notification of this object, as S3 would; true when the function succeeded. */
    public boolean notifyObject(Target t, S3Object o) {
        return invoke(t, o);
    }

    private boolean invoke(Target t, S3Object o) {
        String requestId = UUID.randomUUID().toString();
        java.util.Map<String, Object> event = event(region, t.bucket(), o.key(), o.size(), o.eTag());
        Gateway.CURRENT_FUNCTION.set(t.functionId());
        try {
            t.handler().handleRequest(event, new LocalContext(t.functionId(), requestId, 60));
            return true;
        } catch (RuntimeException e) {
            System.err.println(t.functionId() + " failed on " + o.key() + ": " + e);
            return false;
        } finally {
            Gateway.CURRENT_FUNCTION.remove();
        }
    }

    /** The notification S3 sends for one new object (event structure version 2.1), as the JSON data Lambda hands the function. */
    public static java.util.Map<String, Object> event(String region, String bucket, String key, long size, String eTag) {
        String encoded = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8).replace("%2F", "/");
        java.util.Map<String, Object> object = new java.util.LinkedHashMap<>();
        object.put("key", encoded);
        object.put("size", size);
        if (eTag != null) object.put("eTag", eTag.replace("\"", ""));
        object.put("sequencer", Long.toHexString(System.nanoTime()));
        java.util.Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", Instant.now().toString());
        record.put("eventName", "ObjectCreated:Post");
        record.put("s3", java.util.Map.of("s3SchemaVersion", "1.0", "configurationId", "local-notification",
                "bucket", java.util.Map.of("name", bucket, "arn", "arn:" + (region.startsWith("cn-") ? "aws-cn" : "aws") + ":s3:::" + bucket), "object", object));
        return java.util.Map.of("Records", List.of(record));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
