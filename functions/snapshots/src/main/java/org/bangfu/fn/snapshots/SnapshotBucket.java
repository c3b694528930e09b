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
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Where snapshots go: whole files put or deleted by key; of a file only its version tag is read back
 * (for the files several stream shards rebuild, see {@link Snapshots}). SNAPSHOT_BUCKET names
 * the bucket, AWS_REGION its region; S3_ENDPOINT (env or system property) points it at another
 * S3-compatible server (the local one), with path-style addressing.
 */
public interface SnapshotBucket {
    void put(String key, byte[] body, String contentType, String cacheControl);

    void delete(String key);

    /** The file's version tag now (S3's ETag), or null when there is no such file. */
    String version(String key);

    /**
     * Puts the file only if its version is still {@code expected} (null: only if there is none yet);
     * false when another writer came first (S3's conditional write: If-Match / If-None-Match).
     */
    boolean putIfUnchanged(String key, byte[] body, String contentType, String cacheControl, String expected);

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
        return of(b.build(), bucket);
    }

    /** One bucket of an S3 API. */
    static SnapshotBucket of(S3Client s3, String bucket) {
        return new SnapshotBucket() {
            @Override
            public void put(String key, byte[] body, String contentType, String cacheControl) {
                s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl), RequestBody.fromBytes(body));
            }

            @Override
            public void delete(String key) {
                s3.deleteObject(r -> r.bucket(bucket).key(key)); // deleting a missing key is a success in S3
            }

            @Override
            public String version(String key) {
                try {
                    return s3.headObject(r -> r.bucket(bucket).key(key)).eTag();
                } catch (S3Exception e) {
                    // 404 only with s3:ListBucket; without it a missing key is a 403, which must not pass for "absent".
                    if (e.statusCode() == 404) return null;
                    throw e;
                }
            }

            @Override
            public boolean putIfUnchanged(String key, byte[] body, String contentType, String cacheControl, String expected) {
                try {
                    s3.putObject(r -> {
                        r.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl);
                        if (expected == null) r.ifNoneMatch("*");
                        else r.ifMatch(expected);
                    }, RequestBody.fromBytes(body));
                    return true;
                } catch (S3Exception e) {
                    // 412: the file changed (or appeared) since its version was read; 409: another conditional write at the same moment.
                    if (e.statusCode() == 412 || e.statusCode() == 409) return false;
                    throw e;
                }
            }
        };
    }

    /** In memory (priming, unit tests): key → body. */
    final class InMemory implements SnapshotBucket {
        public final Map<String, byte[]> files = new TreeMap<>();
        private final Map<String, Integer> versions = new TreeMap<>();
        public int puts;
        public int deletes;

        @Override
        public synchronized void put(String key, byte[] body, String contentType, String cacheControl) {
            files.put(key, body);
            versions.merge(key, 1, Integer::sum);
            puts++;
        }

        @Override
        public synchronized void delete(String key) {
            files.remove(key);
            deletes++;
        }

        @Override
        public synchronized String version(String key) {
            return files.containsKey(key) ? Integer.toString(versions.get(key)) : null;
        }

        @Override
        public synchronized boolean putIfUnchanged(String key, byte[] body, String contentType, String cacheControl, String expected) {
            if (!java.util.Objects.equals(version(key), expected)) return false;
            put(key, body, contentType, cacheControl);
            return true;
        }
    }

    private static String setting(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) v = System.getProperty(name);
        return v == null || v.isBlank() ? null : v;
    }
}
