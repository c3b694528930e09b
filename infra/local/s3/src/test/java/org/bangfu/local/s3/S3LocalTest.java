package org.bangfu.local.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.bangfu.local.dynamodb.Template;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

class S3LocalTest {
    @Test
    void createsTheTemplatesBucketsAndKeepsObjectsPrivate() throws Exception {
        S3Local local = S3Local.shared();
        S3Client s3 = LocalBuckets.client(local.endpoint());
        Map<String, String> names = LocalBuckets.create(s3, Template.ofProject(), "test");
        assertEquals("test-photobucket", names.get("PhotoBucket"));
        assertEquals("test-photobucket", LocalBuckets.environment(Template.ofProject(), names).get("PHOTO_BUCKET"),
                "the functions' bucket variable (a !Sub of the bucket's name) points at the local bucket");
        // A second start over the same data (DATA_DIR) keeps the buckets.
        LocalBuckets.create(s3, Template.ofProject(), "test");
        assertTrue(s3.listBuckets().buckets().stream().map(Bucket::name).anyMatch("test-photobucket"::equals));

        s3.putObject(r -> r.bucket("test-photobucket").key("uploads/n1/p1"), RequestBody.fromString("hello"));
        assertEquals("hello", s3.getObjectAsBytes(r -> r.bucket("test-photobucket").key("uploads/n1/p1")).asUtf8String());

        // Without a signature nobody reads it.
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(local.endpoint() + "/test-photobucket/uploads/n1/p1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, anonymous.statusCode(), anonymous.body());
    }
}
