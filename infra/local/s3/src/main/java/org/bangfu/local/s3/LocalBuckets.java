package org.bangfu.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bangfu.local.dynamodb.Template;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The buckets of template.yaml on the local S3 server. In AWS CloudFormation names them; locally
 * each is {@code <prefix>-<logical id in lower case>}, and every function environment variable
 * that is a {@code !Ref} to a bucket is given that name.
 */
public final class LocalBuckets {
    private LocalBuckets() {
    }

    /** Logical id → local bucket name, for every AWS::S3::Bucket of the template, in template order. */
    public static Map<String, String> names(Template template, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> b : template.resourcesOfType("AWS::S3::Bucket")) {
            out.put(b.getKey(), prefix + "-" + b.getKey().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Creates the template's buckets (those that exist already are kept, with their objects). */
    public static Map<String, String> create(S3Client s3, Template template, String prefix) {
        Map<String, String> names = names(template, prefix);
        for (String name : names.values()) {
            try {
                s3.createBucket(r -> r.bucket(name));
            } catch (BucketAlreadyOwnedByYouException kept) {
                // DATA_DIR run: the bucket and its photos survive restarts
            }
        }
        return names;
    }

    /**
     * Environment variable → local bucket name, for every variable in Globals or a function's
     * Environment that is a !Ref to one of the buckets, or the same !Sub as its BucketName (the
     * YAML reader keeps both tags' scalars).
     */
    public static Map<String, String> environment(Template template, Map<String, String> names) {
        Map<String, String> byValue = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> b : template.resourcesOfType("AWS::S3::Bucket")) {
            byValue.put(b.getKey(), names.get(b.getKey()));
            String declared = b.getValue().path("Properties").path("BucketName").asText("");
            if (!declared.isEmpty()) byValue.put(declared, names.get(b.getKey()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        collect(template.root().path("Globals").path("Function").path("Environment").path("Variables"), byValue, env);
        for (Map.Entry<String, JsonNode> fn : template.resourcesOfType("AWS::Serverless::Function")) {
            collect(fn.getValue().path("Properties").path("Environment").path("Variables"), byValue, env);
        }
        return env;
    }

    private static void collect(JsonNode variables, Map<String, String> byValue, Map<String, String> env) {
        variables.properties().forEach(v -> {
            String bucket = byValue.get(v.getValue().asText());
            if (bucket != null) {
                String before = env.put(v.getKey(), bucket);
                if (before != null && !before.equals(bucket)) {
                    throw new IllegalStateException(v.getKey() + " names two buckets; locally every function shares one JVM's settings");
                }
            }
        });
    }

    /** A client for the local server: path-style addressing, the local key, the pilot's region. */
    public static S3Client client(String endpoint) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .region(Region.of("cn-north-1"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Local.ACCESS_KEY, S3Local.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
