package org.bangfu.photos;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The photo bucket: where each file lives, the presigned POST form a phone uploads with, presigned
 * GETs for the people who may see a photo that is not public, and plain reads and writes for the
 * functions. PHOTO_BUCKET names the bucket, AWS_REGION its region; S3_ENDPOINT (env or system
 * property) points it elsewhere, e.g. at the local S3 server (path-style addressing then).
 *
 * <pre>
 * uploads/{needId}/{photoId}                 the original as uploaded (EXIF and all); never served, expires
 * photos/{needId}/{photoId}/small.jpg        EXIF-free copies: small (list, thumbnails) and display
 * photos/{needId}/{photoId}/display.jpg
 * </pre>
 */
public final class PhotoFiles {
    public static final String UPLOADS = "uploads/";
    public static final String COPIES = "photos/";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static volatile PhotoFiles live;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String region;
    private final String endpoint;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;

    public PhotoFiles(S3Client s3, S3Presigner presigner, String bucket, String region, String endpoint,
                      AwsCredentialsProvider credentials, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.region = region;
        this.endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.replaceAll("/+$", "");
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The bucket of this deployment, built once per container. */
    public static PhotoFiles live() {
        PhotoFiles f = live;
        if (f == null) {
            synchronized (PhotoFiles.class) {
                f = live;
                if (f == null) {
                    String bucket = setting("PHOTO_BUCKET");
                    if (bucket == null || bucket.isBlank()) throw new IllegalStateException("PHOTO_BUCKET is not set");
                    String region = setting("AWS_REGION") == null ? "cn-north-1" : setting("AWS_REGION");
                    String endpoint = setting("S3_ENDPOINT");
                    AwsCredentialsProvider creds = AwsCredentialsProviderChain.of(
                            EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create());
                    boolean pathStyle = endpoint != null && !endpoint.isBlank();
                    var b = S3Client.builder().region(Region.of(region)).credentialsProvider(creds)
                            .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                                    .socketTimeout(Duration.ofSeconds(20)))
                            .forcePathStyle(pathStyle);
                    var p = S3Presigner.builder().region(Region.of(region)).credentialsProvider(creds)
                            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
                    if (pathStyle) {
                        b.endpointOverride(URI.create(endpoint));
                        p.endpointOverride(URI.create(endpoint));
                    }
                    live = f = new PhotoFiles(b.build(), p.build(), bucket, region, endpoint, creds, Clock.systemUTC());
                }
            }
        }
        return f;
    }

    /** For SnapStart priming: the same code paths over {@link CannedS3} (no network, nothing stored). */
    public static PhotoFiles canned() {
        var creds = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("priming", "priming"));
        String region = setting("AWS_REGION") == null ? "cn-north-1" : setting("AWS_REGION");
        S3Client s3 = S3Client.builder().region(Region.of(region)).credentialsProvider(creds).httpClient(new CannedS3()).build();
        S3Presigner p = S3Presigner.builder().region(Region.of(region)).credentialsProvider(creds).build();
        return new PhotoFiles(s3, p, "priming", region, null, creds, Clock.systemUTC());
    }

    public static String originalKey(String needId, String photoId) {
        return UPLOADS + needId + "/" + photoId;
    }

    public static String copyKey(String needId, String photoId, String size) {
        return COPIES + needId + "/" + photoId + "/" + size + ".jpg";
    }

    /** need id and photo id of an original's key, if it is one. */
    public static Optional<List<String>> parseOriginal(String key) {
        if (key == null || !key.startsWith(UPLOADS)) return Optional.empty();
        String[] parts = key.substring(UPLOADS.length()).split("/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) return Optional.empty();
        return Optional.of(List.of(parts[0], parts[1]));
    }

    public String bucket() {
        return bucket;
    }

    /** What the page posts: {@code url}, then every field in order, then the file as the last field {@code file}. */
    public record UploadForm(String url, Map<String, String> fields, Instant expires) {
    }

    /**
     * A browser POST form (Signature Version 4) for exactly one key, one content type and a size
     * range: S3 itself refuses anything else, whatever the page does.
     */
    public UploadForm uploadForm(String key, String contentType, long minBytes, long maxBytes, Duration ttl) {
        AwsCredentials c = credentials.resolveCredentials();
        Instant now = clock.instant();
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        String credential = c.accessKeyId() + "/" + day + "/" + region + "/s3/aws4_request";
        String token = c instanceof AwsSessionCredentials s ? s.sessionToken() : null;
        Instant expires = now.plus(ttl);

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.put("success_action_status", "201");
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        if (token != null) fields.put("x-amz-security-token", token);

        StringBuilder policy = new StringBuilder();
        policy.append("{\"expiration\":\"").append(DateTimeFormatter.ISO_INSTANT.format(expires.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .append("\",\"conditions\":[{\"bucket\":\"").append(json(bucket)).append("\"}");
        for (Map.Entry<String, String> f : fields.entrySet()) {
            policy.append(",[\"eq\",\"$").append(json(f.getKey())).append("\",\"").append(json(f.getValue())).append("\"]");
        }
        policy.append(",[\"content-length-range\",").append(minBytes).append(',').append(maxBytes).append("]]}");
        String encoded = Base64.getEncoder().encodeToString(policy.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + c.secretAccessKey()).getBytes(StandardCharsets.UTF_8), day), region), "s3"), "aws4_request");
        fields.put("policy", encoded);
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(signingKey, encoded)));
        return new UploadForm(bucketUrl(), fields, expires);
    }

    /**
     * The bucket's own URL (the POST target): path-style locally; in AWS the one the SDK's endpoint
     * rules give for the region (they know each partition's host, e.g. amazonaws.com.cn in China).
     */
    public String bucketUrl() {
        if (endpoint != null) return endpoint + "/" + bucket;
        return software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider.defaultProvider()
                .resolveEndpoint(p -> p.region(Region.of(region)).bucket(bucket)).join().url().toString().replaceAll("/+$", "");
    }

    /** A GET that works for {@code ttl} without any other credential (for people who may see a photo that is not public). */
    public String presignedGet(String key, Duration ttl) {
        return presigner.presignGetObject(r -> r.signatureDuration(ttl).getObjectRequest(g -> g.bucket(bucket).key(key)))
                .url().toString();
    }

    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public void putJpeg(String key, byte[] bytes) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("image/jpeg").cacheControl("private, max-age=31536000, immutable"),
                RequestBody.fromBytes(bytes));
    }

    /** Removes the original and both copies of a photo (a dropped one, or a file we could not read). */
    public void deleteAll(String needId, String photoId) {
        for (String key : List.of(originalKey(needId, photoId), copyKey(needId, photoId, "small"), copyKey(needId, photoId, "display"))) {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        }
    }

    public void deleteOriginal(String needId, String photoId) {
        s3.deleteObject(r -> r.bucket(bucket).key(originalKey(needId, photoId)));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String setting(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? System.getProperty(name) : v;
    }
}
