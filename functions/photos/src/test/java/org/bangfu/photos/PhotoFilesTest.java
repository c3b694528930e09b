package org.bangfu.photos;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class PhotoFilesTest {
    private static PhotoFiles files(String region, String endpoint) {
        var creds = StaticCredentialsProvider.create(AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token"));
        return new PhotoFiles(null, null, "bangfu-demo-photos-123456789012-" + region, region, endpoint, creds,
                Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void theFormPinsKeyTypeAndSizeAndCarriesTheSessionToken() {
        PhotoFiles.UploadForm f = files("cn-north-1", null).uploadForm("uploads/n1/p1", "image/jpeg", 1024, 10_485_760, Duration.ofMinutes(10));
        assertEquals("AKIDEXAMPLE/20261203/cn-north-1/s3/aws4_request", f.fields().get("x-amz-credential"));
        assertEquals("session-token", f.fields().get("x-amz-security-token"));
        assertEquals(Instant.parse("2026-12-03T08:10:00Z"), f.expires());
        String policy = new String(Base64.getDecoder().decode(f.fields().get("policy")), StandardCharsets.UTF_8);
        assertTrue(policy.contains("[\"eq\",\"$key\",\"uploads/n1/p1\"]"), policy);
        assertTrue(policy.contains("[\"eq\",\"$Content-Type\",\"image/jpeg\"]"), policy);
        assertTrue(policy.contains("[\"content-length-range\",1024,10485760]"), policy);
        assertTrue(policy.contains("\"expiration\":\"2026-12-03T08:10:00Z\""), policy);
        assertEquals(64, f.fields().get("x-amz-signature").length());
    }

    @Test
    void theFormGoesToThePartitionsOwnHost() {
        assertEquals("https://bangfu-demo-photos-123456789012-cn-north-1.s3.cn-north-1.amazonaws.com.cn", files("cn-north-1", null).bucketUrl());
        assertEquals("https://bangfu-demo-photos-123456789012-ap-southeast-1.s3.ap-southeast-1.amazonaws.com", files("ap-southeast-1", null).bucketUrl());
        assertEquals("http://127.0.0.1:9000/bangfu-demo-photos-123456789012-cn-north-1", files("cn-north-1", "http://127.0.0.1:9000/").bucketUrl());
    }

    @Test
    void onlyUploadKeysAreOriginals() {
        assertEquals(java.util.List.of("n1", "p1"), PhotoFiles.parseOriginal("uploads/n1/p1").orElseThrow());
        assertTrue(PhotoFiles.parseOriginal("photos/n1/p1/small.jpg").isEmpty());
        assertTrue(PhotoFiles.parseOriginal("uploads/n1/p1/x").isEmpty());
        assertTrue(PhotoFiles.parseOriginal("uploads//p1").isEmpty());
    }
}
