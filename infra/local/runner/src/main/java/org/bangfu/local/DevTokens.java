package org.bangfu.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local stand-in for Cognito and the HTTP API JWT authorizer: issues HS256 tokens with the same
 * claims Cognito would carry (sub, name, cognito:groups, custom:area) under a key made fresh at
 * every start, and verifies them. Exists only in the local runner, never in template.yaml.
 */
public final class DevTokens {
    static final String ISSUER = "bangfu-local";
    private final byte[] key = new byte[32];

    public DevTokens() {
        new SecureRandom().nextBytes(key);
    }

    public String issue(String sub, String name, List<String> groups, String area, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(sub).audience("bangfu-local-client")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .claim("name", name).claim("cognito:groups", groups).claim("token_use", "id");
        if (area != null) claims.claim("custom:area", area);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims as HTTP API hands them to a Lambda: every value a string, lists as "[a b]".
     * Empty for a missing, malformed, forged or expired token.
     */
    public Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null) return Optional.empty();
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : authorization.strip();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) return Optional.empty();
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(c.getIssuer()) || c.getExpirationTime() == null || c.getExpirationTime().before(new Date())) {
                return Optional.empty();
            }
            Map<String, String> out = new HashMap<>();
            for (Map.Entry<String, Object> e : c.getClaims().entrySet()) {
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
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
