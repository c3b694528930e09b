package org.bangfu.tokens;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Our token issuer. Access tokens are ES256 JWTs: iss = the site's origin (TOKEN_ISSUER), aud =
 * the API (TOKEN_AUDIENCE), sub, name, roles ("poster:321181001201", "helper", …: each role with
 * its area), iat, exp (15 minutes), jti. The issuer's OpenID configuration and JWKS are served
 * from the site's origin, where the HTTP API's JWT authorizer reads them.
 *
 * <p>The key: TOKEN_KMS_KEY (an AWS KMS key id or ARN) in AWS, TOKEN_LOCAL_JWK (a private JWK)
 * locally, set by the local runner; KMS_ENDPOINT points the KMS client elsewhere (tests).
 */
public final class Tokens {
    public static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    public static final String ROLES_CLAIM = "roles";
    private static volatile Tokens live;

    private final TokenSigner signer;
    private final String issuer;
    private final String audience;

    public Tokens(TokenSigner signer, String issuer, String audience) {
        this.signer = signer;
        this.issuer = issuer;
        this.audience = audience;
    }

    public static Tokens fromEnvironment() {
        Tokens t = live;
        if (t == null) {
            synchronized (Tokens.class) {
                t = live;
                if (t == null) live = t = new Tokens(signer(), required("TOKEN_ISSUER"), required("TOKEN_AUDIENCE"));
            }
        }
        return t;
    }

    private static TokenSigner signer() {
        String kmsKey = setting("TOKEN_KMS_KEY");
        if (kmsKey != null && !kmsKey.isBlank()) {
            String region = setting("AWS_REGION");
            var b = KmsClient.builder().region(Region.of(region == null ? "cn-north-1" : region))
                    .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                            SystemPropertyCredentialsProvider.create()))
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                            .socketTimeout(Duration.ofSeconds(3)));
            String endpoint = setting("KMS_ENDPOINT");
            if (endpoint != null && !endpoint.isBlank()) b.endpointOverride(URI.create(endpoint));
            return new KmsSigner(b.build(), kmsKey);
        }
        String jwk = setting("TOKEN_LOCAL_JWK");
        if (jwk == null || jwk.isBlank()) throw new IllegalStateException("TOKEN_KMS_KEY (or, locally, TOKEN_LOCAL_JWK) is not set");
        return LocalSigner.parse(jwk);
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** A signed access token for {@code sub} with these role claims, valid for {@code ttl} from {@code now}. */
    public String issue(String sub, String name, List<String> roles, Instant now, Duration ttl) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(sub)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl))).jwtID(UUID.randomUUID().toString())
                .claim("name", name).claim(ROLES_CLAIM, List.copyOf(roles)).claim("token_use", "access").build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signer.keyId()).type(JOSEObjectType.JWT).build();
        String signingInput = header.toBase64URL() + "." + Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + Base64URL.encode(signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The public key set, as served at /.well-known/jwks.json. */
    public JWKSet jwks() {
        ECKey key = new ECKey.Builder(Curve.P_256, signer.publicKey()).keyID(signer.keyId()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256).build();
        return new JWKSet(key);
    }

    /** The issuer metadata, as served at /.well-known/openid-configuration. */
    public Map<String, Object> openidConfiguration() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("jwks_uri", issuer + "/.well-known/jwks.json");
        m.put("token_endpoint", issuer + "/api/auth/token");
        m.put("response_types_supported", List.of("token"));
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("ES256"));
        m.put("claims_supported", List.of("sub", "name", ROLES_CLAIM));
        return m;
    }

    static String setting(String name) {
        String v = System.getenv(name);
        return v != null ? v : System.getProperty(name);
    }

    private static String required(String name) {
        String v = setting(name);
        if (v == null || v.isBlank()) throw new IllegalStateException(name + " is not set");
        return v.strip();
    }
}
