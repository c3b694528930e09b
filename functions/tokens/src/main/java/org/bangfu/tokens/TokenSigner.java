package org.bangfu.tokens;

import java.security.interfaces.ECPublicKey;

/** The P-256 key our tokens are signed with: an AWS KMS key in AWS, a local key locally. */
public interface TokenSigner {
    /** The kid of the tokens it signs (the KMS key id; locally the key's JWK thumbprint). */
    String keyId();

    /** ES256 signature of {@code signingInput} in JOSE form (R ‖ S, 64 bytes). */
    byte[] sign(byte[] signingInput);

    ECPublicKey publicKey();
}
