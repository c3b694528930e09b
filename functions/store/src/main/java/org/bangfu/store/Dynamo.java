package org.bangfu.store;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        String region = setting("AWS_REGION");
        var builder = DynamoDbClient.builder()
                .region(Region.of(region == null ? "cn-north-1" : region))
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                // Standard mode: throttling and transient errors are retried with jittered backoff.
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build());
        if (endpoint != null && !endpoint.isBlank()) builder.endpointOverride(URI.create(endpoint));
        return builder.build();
    }

    public static String tableName() {
        String t = setting("TABLE_NAME");
        if (t == null || t.isBlank()) throw new IllegalStateException("TABLE_NAME is not set");
        return t;
    }

    /** Environment first (Lambda), then a JVM system property of the same name. */
    public static String setting(String name) {
        String v = System.getenv(name);
        return v != null ? v : System.getProperty(name);
    }
}
