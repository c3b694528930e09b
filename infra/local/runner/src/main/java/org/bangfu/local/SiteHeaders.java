package org.bangfu.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bangfu.local.dynamodb.Template;

/**
 * The response headers CloudFront adds to the site's pages, read from the hosting stack's
 * SiteHeaders policy (infra/hosting/template.yaml), so the local site runs under the same
 * Content-Security-Policy as the deployed one.
 */
final class SiteHeaders {
    private SiteHeaders() {
    }

    static Map<String, String> of(Template hosting, String photoOrigin) {
        JsonNode policy = policy(hosting);
        Map<String, String> out = new LinkedHashMap<>();
        String csp = csp(hosting, photoOrigin);
        if (!csp.isEmpty()) out.put("content-security-policy", csp);
        if (policy.has("ContentTypeOptions")) out.put("x-content-type-options", "nosniff");
        String frame = policy.path("FrameOptions").path("FrameOption").asText("");
        if (!frame.isEmpty()) out.put("x-frame-options", frame);
        String referrer = policy.path("ReferrerPolicy").path("ReferrerPolicy").asText("");
        if (!referrer.isEmpty()) out.put("referrer-policy", referrer);
        // Strict-Transport-Security is left out: the local site is plain http on localhost.
        return out;
    }

    /** photoOrigin: where the photo bucket answers (the local S3 server; the bucket's domain in AWS), or null for none. */
    static Map<String, String> ofProject(String photoOrigin) {
        return of(Template.load(Template.projectRoot().resolve("infra/hosting/template.yaml")), photoOrigin);
    }

    /** scheme://host:port of an endpoint URL. */
    static String origin(String endpoint) {
        java.net.URI u = java.net.URI.create(endpoint);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    private static JsonNode policy(Template hosting) {
        JsonNode policy = hosting.root().path("Resources").path("SiteHeaders").path("Properties")
                .path("ResponseHeadersPolicyConfig").path("SecurityHeadersConfig");
        if (policy.isMissingNode()) throw new IllegalStateException("infra/hosting/template.yaml has no SiteHeaders policy");
        return policy;
    }

    /**
     * The policy's CSP as CloudFront would send it: a plain string, or !Sub [text, {PhotoOrigin: …}]
     * with ${PhotoOrigin} as " " + the photo bucket's origin (nothing without photos).
     */
    static String csp(Template hosting, String photoOrigin) {
        JsonNode csp = policy(hosting).path("ContentSecurityPolicy").path("ContentSecurityPolicy");
        String text = csp.isArray() ? csp.path(0).asText("") : csp.asText("");
        return text.replace("${PhotoOrigin}", photoOrigin == null ? "" : " " + photoOrigin);
    }
}
