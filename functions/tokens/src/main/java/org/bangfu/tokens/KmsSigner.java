package org.bangfu.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * An AWS KMS asymmetric key (ECC_NIST_P256, SIGN_VERIFY): the private key never leaves KMS. We
 * send the SHA-256 digest (MessageType DIGEST, ECDSA_SHA_256) and get a DER signature back, which
 * JOSE wants as R ‖ S. The public key (for the JWKS) is read once with GetPublicKey.
 */
public final class KmsSigner implements TokenSigner {
    private final KmsClient kms;
    private final String keyId;
    private volatile ECPublicKey publicKey;

    public KmsSigner(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public String keyId() {
        return keyId.substring(keyId.lastIndexOf('/') + 1);
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(signingInput);
            byte[] der = kms.sign(r -> r.keyId(keyId).messageType(MessageType.DIGEST).message(SdkBytes.fromByteArray(digest))
                    .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
            return ECDSA.transcodeSignatureToConcat(der, 64);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ECPublicKey publicKey() {
        ECPublicKey k = publicKey;
        if (k == null) {
            byte[] spki = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
            try {
                publicKey = k = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("KMS key " + keyId + " is not an EC key", e);
            }
        }
        return k;
    }
}
