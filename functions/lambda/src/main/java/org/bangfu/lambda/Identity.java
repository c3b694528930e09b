package org.bangfu.lambda;

import org.bangfu.store.Dynamo;

/** What signing in needs besides the stores: the code-hashing secret, and who is asking (for the per-source limits). */
public final class Identity {
    private Identity() {
    }

    /** The secret the sign-in codes are hashed under (CODE_HASH_KEY, from Secrets Manager in AWS; random per start locally). */
    public static byte[] codeHashKey() {
        String k = Dynamo.setting("CODE_HASH_KEY");
        if (k == null || k.length() < 16) throw new IllegalStateException("CODE_HASH_KEY is not set (16 characters or more)");
        return k.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The caller's network address, what the per-source limits count. Behind CloudFront the API sees
     * CloudFront's address, and CloudFront appends the viewer's to X-Forwarded-For: its last entry.
     * (Someone calling the execute-api URL directly can write that header: see the README's limits.)
     */
    public static String source(ApiRequest request) {
        String forwarded = request.header("x-forwarded-for").orElse("");
        String ip = forwarded.isBlank() ? null : forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        if (ip == null || ip.isEmpty()) {
            var ctx = request.event().getRequestContext();
            ip = ctx == null || ctx.getHttp() == null ? null : ctx.getHttp().getSourceIp();
        }
        String clean = ip == null ? "" : ip.replaceAll("[^0-9a-fA-F:.]", "");
        return clean.isEmpty() || clean.length() > 45 ? "unknown" : clean;
    }
}
