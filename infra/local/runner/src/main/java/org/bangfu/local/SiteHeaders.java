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

    static Map<String, String> of(Template hosting) {
        JsonNode policy = hosting.root().path("Resources").path("SiteHeaders").path("Properties")
                .path("ResponseHeadersPolicyConfig").path("SecurityHeadersConfig");
        if (policy.isMissingNode()) throw new IllegalStateException("infra/hosting/template.yaml has no SiteHeaders policy");
        Map<String, String> out = new LinkedHashMap<>();
        String csp = policy.path("ContentSecurityPolicy").path("ContentSecurityPolicy").asText("");
        if (!csp.isEmpty()) out.put("content-security-policy", csp);
        if (policy.has("ContentTypeOptions")) out.put("x-content-type-options", "nosniff");
        String frame = policy.path("FrameOptions").path("FrameOption").asText("");
        if (!frame.isEmpty()) out.put("x-frame-options", frame);
        String referrer = policy.path("ReferrerPolicy").path("ReferrerPolicy").asText("");
        if (!referrer.isEmpty()) out.put("referrer-policy", referrer);
        // Strict-Transport-Security is left out: the local site is plain http on localhost.
        return out;
    }

    static Map<String, String> ofProject() {
        return of(Template.load(Template.projectRoot().resolve("infra/hosting/template.yaml")));
    }
}
