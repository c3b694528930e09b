package org.bangfu.local;

import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The snapshot bucket as CloudFront's origin for {@code /snapshots/*} and the first member of the
 * {@code /share/*} origin group (infra/hosting/template.yaml): a key is the request path without its
 * leading slash. Locally the bucket lives on the S3 server the platform starts.
 */
final class SnapshotOrigin {
    /** The keys SnapshotFunction writes; anything else (.., %2F, query tricks) is simply not there. */
    private static final Pattern KEY = Pattern.compile("(snapshots/[a-z]+(/[A-Za-z0-9_]+)*/[A-Za-z0-9_]+\\.json|share/[A-Za-z0-9]+)");

    record File(byte[] bytes, String contentType, String cacheControl) {
    }

    private final S3Client s3;
    private final String bucket;

    SnapshotOrigin(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    Optional<File> read(String path) {
        String key = path.startsWith("/") ? path.substring(1) : path;
        if (!KEY.matcher(key).matches()) return Optional.empty();
        try {
            ResponseBytes<GetObjectResponse> b = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
            return Optional.of(new File(b.asByteArray(), b.response().contentType(), b.response().cacheControl()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
