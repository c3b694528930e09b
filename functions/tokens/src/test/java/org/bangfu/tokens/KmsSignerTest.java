package org.bangfu.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The AWS path of our issuer against a fake KMS (the JSON protocol's Sign and GetPublicKey, with
 * its own P-256 key): KMS answers a DER ECDSA signature of the digest we send, and the token it
 * makes verifies through the JWKS built from GetPublicKey, as the JWT authorizer would check it.
 */
class KmsSignerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ECKey kmsKey = LocalSigner.generate();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void aTokenSignedByKmsVerifiesAgainstTheJwksOfItsPublicKey() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", this::kms);
        server.start();
        KmsClient kms = KmsClient.builder().region(Region.CN_NORTH_1).endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        String keyArn = "arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Tokens tokens = new Tokens(new KmsSigner(kms, keyArn), "https://bangfu.example.cn", "https://bangfu.example.cn/api");
        Instant now = Instant.now();
        String jwt = tokens.issue("p123", "李书记", List.of("poster:321181001201"), now, Duration.ofMinutes(15));
        var verifier = new TokenVerifier(tokens.jwks(), tokens.issuer(), tokens.audience());
        var claims = verifier.verify(jwt, now).orElseThrow(() -> new AssertionError("KMS-signed token does not verify"));
        assertEquals("p123", claims.getSubject());
        assertEquals(List.of("poster:321181001201"), claims.getStringListClaim("roles"));
        assertEquals("1234abcd-12ab-34cd-56ef-1234567890ab", tokens.jwks().getKeys().get(0).getKeyID(), "kid is the key id");
        assertTrue(verifier.verify(jwt, now.plus(Duration.ofMinutes(16))).isEmpty(), "expired after 15 minutes");
        assertTrue(calls.contains("TrentService.Sign") && calls.contains("TrentService.GetPublicKey"), calls.toString());
    }

    private void kms(HttpExchange ex) throws IOException {
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
        calls.add(target);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String answer;
        int status = 200;
        try {
            if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") || !auth.contains("/kms/aws4_request")) {
                status = 400;
                answer = "{\"__type\":\"IncompleteSignatureException\",\"message\":\"unsigned\"}";
            } else if ("TrentService.Sign".equals(target)) {
                if (!"DIGEST".equals(req.path("MessageType").asText()) || !"ECDSA_SHA_256".equals(req.path("SigningAlgorithm").asText())) {
                    throw new IllegalArgumentException("we always send a SHA-256 digest for ECDSA_SHA_256");
                }
                byte[] digest = Base64.getDecoder().decode(req.path("Message").asText());
                if (digest.length != 32) throw new IllegalArgumentException("a digest is 32 bytes");
                Signature s = Signature.getInstance("NONEwithECDSA"); // KMS signs the digest as given: DER out
                s.initSign(kmsKey.toECPrivateKey());
                s.update(digest);
                answer = JSON.createObjectNode().put("KeyId", req.path("KeyId").asText()).put("SigningAlgorithm", "ECDSA_SHA_256")
                        .put("Signature", Base64.getEncoder().encodeToString(s.sign())).toString();
            } else if ("TrentService.GetPublicKey".equals(target)) {
                answer = JSON.createObjectNode().put("KeyId", req.path("KeyId").asText()).put("KeySpec", "ECC_NIST_P256")
                        .put("KeyUsage", "SIGN_VERIFY").put("PublicKey", Base64.getEncoder().encodeToString(kmsKey.toECPublicKey().getEncoded()))
                        .toString();
            } else {
                status = 400;
                answer = "{\"__type\":\"UnknownOperationException\"}";
            }
        } catch (Exception e) {
            status = 400;
            answer = "{\"__type\":\"ValidationException\",\"message\":\"" + e.getMessage() + "\"}";
        }
        byte[] b = answer.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", "application/x-amz-json-1.1");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
        ex.close();
    }
}
