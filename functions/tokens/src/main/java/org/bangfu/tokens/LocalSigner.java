package org.bangfu.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;

/** A P-256 key held in memory, given as a private JWK (TOKEN_LOCAL_JWK): the local runner's signer. */
public final class LocalSigner implements TokenSigner {
    private final ECKey key;

    public LocalSigner(ECKey key) {
        if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) throw new IllegalArgumentException("a private P-256 JWK is needed");
        this.key = key;
    }

    public static LocalSigner parse(String jwk) {
        try {
            return new LocalSigner(ECKey.parse(jwk));
        } catch (ParseException e) {
            throw new IllegalArgumentException("TOKEN_LOCAL_JWK is not an EC JWK", e);
        }
    }

    /** A fresh key, as the local runner makes at every start. */
    public static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String keyId() {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(key.toECPrivateKey());
            s.update(signingInput);
            return s.sign();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ECPublicKey publicKey() {
        try {
            return key.toECPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
