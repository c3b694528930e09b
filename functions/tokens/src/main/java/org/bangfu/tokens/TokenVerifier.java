package org.bangfu.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * What the HTTP API's JWT authorizer checks, for the local gateway to do the same: a JWS (never
 * "none") with alg ES256 and a kid of the issuer's JWKS, a valid signature, iss and aud exactly,
 * exp in the future, iat and nbf not in the future.
 */
public final class TokenVerifier {
    private static final Duration SKEW = Duration.ofSeconds(30);
    private final JWKSet keys;
    private final String issuer;
    private final String audience;

    public TokenVerifier(JWKSet keys, String issuer, String audience) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
    }

    public Optional<JWTClaimsSet> verify(String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > 8192) return Optional.empty();
        try {
            SignedJWT jwt = SignedJWT.parse(token.strip());
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) return Optional.empty();
            JWK jwk = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!(jwk instanceof ECKey ec) || !jwt.verify(new ECDSAVerifier(ec.toECPublicKey()))) return Optional.empty();
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            Date exp = c.getExpirationTime();
            Date iat = c.getIssueTime();
            Date nbf = c.getNotBeforeTime();
            if (!issuer.equals(c.getIssuer()) || c.getAudience() == null || !c.getAudience().contains(audience)) return Optional.empty();
            if (exp == null || !exp.toInstant().isAfter(now)) return Optional.empty();
            if (iat != null && iat.toInstant().isAfter(now.plus(SKEW))) return Optional.empty();
            if (nbf != null && nbf.toInstant().isAfter(now.plus(SKEW))) return Optional.empty();
            if (c.getSubject() == null || c.getSubject().isBlank()) return Optional.empty();
            return Optional.of(c);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
