package org.bangfu.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.bangfu.store.Dynamo;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The pilot's official account: AppID and AppSecret, kept in one Secrets Manager secret whose
 * SecretString is {"appId":"wx…","appSecret":"…"}. SECRETSMANAGER_ENDPOINT points the client elsewhere.
 */
public record WeChatAccount(String appId, String appSecret) {
    @Override
    public String toString() {
        return "WeChatAccount[" + appId + "]"; // never the secret, in a log line
    }

    /** Reads the secret (GetSecretValue on that one ARN, the only permission the functions hold for it). */
    public static WeChatAccount fromSecret(String secretArn) {
        String region = Dynamo.setting("AWS_REGION");
        var b = SecretsManagerClient.builder().region(Region.of(region == null ? "cn-north-1" : region))
                .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(3)));
        String endpoint = Dynamo.setting("SECRETSMANAGER_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) b.endpointOverride(URI.create(endpoint));
        try (SecretsManagerClient sm = b.build()) {
            return parse(sm.getSecretValue(r -> r.secretId(secretArn)).secretString());
        }
    }

    /** Read once per container, at first use: the secret changes only when a pilot changes its account. */
    public static java.util.function.Supplier<WeChatAccount> lazily(String secretArn) {
        return new java.util.function.Supplier<>() {
            private volatile WeChatAccount value;

            @Override
            public WeChatAccount get() {
                WeChatAccount v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) value = fromSecret(secretArn);
                        v = value;
                    }
                }
                return v;
            }
        };
    }

    static WeChatAccount parse(String secretString) {
        try {
            JsonNode o = new ObjectMapper().readTree(secretString == null ? "" : secretString);
            String appId = o == null ? "" : o.path("appId").asText("");
            String secret = o == null ? "" : o.path("appSecret").asText("");
            if (appId.isBlank() || secret.isBlank()) throw new IllegalStateException("the WeChat secret must hold {\"appId\":…,\"appSecret\":…}");
            return new WeChatAccount(appId, secret);
        } catch (IOException e) {
            throw new IllegalStateException("the WeChat secret is not JSON {\"appId\":…,\"appSecret\":…}", e);
        }
    }
}
