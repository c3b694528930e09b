package org.bangfu.local;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.lambda.Json;
import org.bangfu.tokens.LocalSigner;
import org.bangfu.tokens.TokenVerifier;
import org.bangfu.tokens.Tokens;

/**
 * The local stand-ins for what AWS provides around our token issuer: the signing key (a P-256 key
 * made fresh at every start, where AWS has a KMS key), and the HTTP API's JWT authorizer, which
 * reads the issuer's /.well-known/openid-configuration and JWKS from the gateway itself, as API
 * Gateway reads them from the site's origin. Also the local-only dev tokens: the same issuer,
 * claims and key as sign-in tokens, for demo people and tests. Never in template.yaml.
 */
public final class DevTokens {
    private final ECKey key = LocalSigner.generate();
    private volatile Tokens tokens;
    private volatile TokenVerifier verifier;
    private volatile Duration clockShift = Duration.ZERO;
    private String issuer;
    private String audience;

    /** The settings the functions read (key, issuer, audience, the code-hash secret), once the gateway's address is known. */
    Map<String, String> configure(String issuer) {
        this.issuer = issuer;
        this.audience = issuer + "/api"; // as in template.yaml: the API, on the site's origin
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<String, String> settings = Map.of("TOKEN_LOCAL_JWK", key.toJSONString(), "TOKEN_ISSUER", issuer,
                "TOKEN_AUDIENCE", audience, "CODE_HASH_KEY", HexFormat.of().formatHex(secret));
        settings.forEach(System::setProperty);
        tokens = new Tokens(new LocalSigner(key), issuer, audience);
        return settings;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** The private key (tests forge tokens with it: expired, wrong issuer or audience). */
    public ECKey key() {
        return key;
    }

    /** Moves the authorizer's clock (tests: a token after its 15 minutes). */
    public void shiftClock(Duration shift) {
        clockShift = shift;
    }

    /** A dev token: every group in the same area, as today's dev body says ({"sub","name","groups","area"}). */
    public String issue(String sub, String name, List<String> groups, String area, Duration ttl) {
        List<String> roles = groups.stream().map(g -> area == null ? g : g + ":" + area).toList();
        return tokens.issue(sub, name, roles, Instant.now(), ttl);
    }

    /**
     * The claims as HTTP API hands them to a Lambda: every value a string, lists as "[a b]".
     * Empty for a missing, malformed, forged or expired token.
     */
    public Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        Optional<JWTClaimsSet> verified = verifier().verify(authorization.substring(7).strip(), Instant.now().plus(clockShift));
        if (verified.isEmpty()) return Optional.empty();
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, Object> e : verified.get().getClaims().entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                out.put(e.getKey(), "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]");
            } else if (v instanceof Date d) {
                out.put(e.getKey(), Long.toString(d.getTime() / 1000));
            } else if (v != null) {
                out.put(e.getKey(), String.valueOf(v));
            }
        }
        return Optional.of(out);
    }

    /** Discovery, as API Gateway does it: the issuer's metadata names the JWKS; both fetched over HTTP, once. */
    private TokenVerifier verifier() {
        TokenVerifier v = verifier;
        if (v == null) {
            synchronized (this) {
                if (verifier == null) {
                    try {
                        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
                        String meta = get(http, issuer + "/.well-known/openid-configuration");
                        var config = Json.parse(meta);
                        if (!issuer.equals(config.path("issuer").asText())) throw new IllegalStateException("issuer metadata names another issuer");
                        verifier = new TokenVerifier(JWKSet.parse(get(http, config.path("jwks_uri").asText())), issuer, audience);
                    } catch (IOException | java.text.ParseException e) {
                        throw new IllegalStateException("cannot read the issuer's JWKS", e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                v = verifier;
            }
        }
        return v;
    }

    private static String get(HttpClient http, String url) throws IOException, InterruptedException {
        // Generous: with every function a child process, the issuer's first answer waits for its JVM to start (slow on a loaded machine).
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(url + " answered " + r.statusCode());
        return r.body();
    }
}
