package org.bangfu.lambda;

/** No token, or a token without the claims we need. 401. */
public final class Unauthorized extends RuntimeException {
    public Unauthorized(String message) {
        super(message, null, false, false);
    }
}
