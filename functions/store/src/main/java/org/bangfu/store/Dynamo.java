package org.bangfu.store;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/**
 * One DynamoDB client per JVM (a Lambda container), built once and reused. Everything is explicit
 * so the SDK does no discovery at cold start: region from AWS_REGION, credentials from the
 * environment Lambda sets (or the equivalent system properties), the small URLConnection client.
 * DYNAMODB_ENDPOINT (env or system property) points it elsewhere, e.g. at DynamoDB Local.
 */
public final class Dynamo {
    private static volatile DynamoDbClient shared;

    private Dynamo() {
    }

    public static DynamoDbClient client() {
        DynamoDbClient c = shared;
        if (c == null) {
            synchronized (Dynamo.class) {
                c = shared;
                if (c == null) shared = c = build(setting("DYNAMODB_ENDPOINT"));
            }
        }
        return c;
    }

    public static DynamoDbClient build(String endpoint) {
        var builder = configured()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofMillis(Long.parseLong(orDefault(setting("DYNAMODB_SOCKET_TIMEOUT_MS"), "5000")))));
        if (endpoint != null && !endpoint.isBlank()) builder.endpointOverride(URI.create(endpoint));
        return builder.build();
    }

    /**
     * Region, credentials and retries as every client of ours has them, without the HTTP client:
     * the live client adds URLConnection, the priming client (the lambda module's CannedTable) its canned answers.
     */
    public static DynamoDbClientBuilder configured() {
        String region = setting("AWS_REGION");
        return DynamoDbClient.builder()
                .region(Region.of(region == null ? "cn-north-1" : region))
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create()))
                // Standard mode: throttling and transient errors are retried with jittered backoff.
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build());
    }

    /**
     * One unauthenticated GET of the DynamoDB endpoint's root (it answers "healthy: …"), with the
     * HTTP client the live client uses: a priming step that loads the HTTP and TLS classes before a
     * SnapStart snapshot without needing any permission or touching data. Failures are ignored.
     */
    public static void warmHttp() {
        String endpoint = setting("DYNAMODB_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            Region region = Region.of(setting("AWS_REGION") == null ? "cn-north-1" : setting("AWS_REGION"));
            // The endpoint the client itself would use: the SDK's rules know each partition's host
            // (amazonaws.com, amazonaws.com.cn). ServiceMetadata would need the metadata of every
            // service, which the minimized jars leave out.
            endpoint = DynamoDbEndpointProvider.defaultProvider().resolveEndpoint(p -> p.region(region))
                    .join().endpointUrl().host();
            endpoint = "https://" + endpoint;
        }
        try (SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(2)).build()) {
            // Connection: close keeps this socket out of the JVM's keep-alive cache: a connection
            // captured in the snapshot would be dead after restore.
            SdkHttpFullRequest get = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(endpoint + "/"))
                    .putHeader("Connection", "close").build();
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(get).build()).call();
            if (response.responseBody().isPresent()) {
                try (var body = response.responseBody().get()) {
                    body.readAllBytes();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // priming is best effort
        }
    }

    public static String tableName() {
        String t = setting("TABLE_NAME");
        if (t == null || t.isBlank()) throw new IllegalStateException("TABLE_NAME is not set");
        return t;
    }

    private static String orDefault(String v, String dflt) {
        return v == null || v.isBlank() ? dflt : v;
    }

    /** Environment first (Lambda), then a JVM system property of the same name. */
    public static String setting(String name) {
        String v = System.getenv(name);
        return v != null ? v : System.getProperty(name);
    }
}
