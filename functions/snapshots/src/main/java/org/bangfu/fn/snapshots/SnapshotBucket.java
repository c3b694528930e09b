package org.bangfu.fn.snapshots;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where snapshots go: whole files put or deleted by key, nothing read back. SNAPSHOT_BUCKET names
 * the bucket, AWS_REGION its region; S3_ENDPOINT (env or system property) points it at another
 * S3-compatible server (the local one), with path-style addressing.
 */
public interface SnapshotBucket {
    void put(String key, byte[] body, String contentType, String cacheControl);

    void delete(String key);

    /** The deployment's bucket. */
    static SnapshotBucket live() {
        String bucket = setting("SNAPSHOT_BUCKET");
        if (bucket == null) throw new IllegalStateException("SNAPSHOT_BUCKET is not set");
        String region = setting("AWS_REGION") == null ? "cn-north-1" : setting("AWS_REGION");
        String endpoint = setting("S3_ENDPOINT");
        var b = S3Client.builder().region(Region.of(region))
                .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)));
        if (endpoint != null) b.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        S3Client s3 = b.build();
        return new SnapshotBucket() {
            @Override
            public void put(String key, byte[] body, String contentType, String cacheControl) {
                s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl), RequestBody.fromBytes(body));
            }

            @Override
            public void delete(String key) {
                s3.deleteObject(r -> r.bucket(bucket).key(key)); // deleting a missing key is a success in S3
            }
        };
    }

    /** In memory (priming, unit tests): key → body. */
    final class InMemory implements SnapshotBucket {
        public final Map<String, byte[]> files = new TreeMap<>();
        public int puts;
        public int deletes;

        @Override
        public synchronized void put(String key, byte[] body, String contentType, String cacheControl) {
            files.put(key, body);
            puts++;
        }

        @Override
        public synchronized void delete(String key) {
            files.remove(key);
            deletes++;
        }
    }

    private static String setting(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) v = System.getProperty(name);
        return v == null || v.isBlank() ? null : v;
    }
}
