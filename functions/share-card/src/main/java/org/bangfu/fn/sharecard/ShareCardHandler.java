package org.bangfu.fn.sharecard;

import org.bangfu.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.Optional;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Services;
import org.bangfu.core.Ids;
import org.bangfu.core.Need;
import org.bangfu.lambda.ShareCardPage;

/**
 * GET /share/{id}: the link people paste into WeChat. Answers HTML (not JSON) with the need's
 * card, from its public view only; an unknown or never-published need gets a friendly 404 page.
 * GET /share/offer/{id}: the same for an offer (any state: a withdrawn or used-up one says so).
 * Reads one item, so its policy is dynamodb:GetItem on the table and nothing else.
 */
public final class ShareCardHandler extends HttpHandler {
    /** Where the site lives, e.g. https://bangfu.example.cn; og:image and og:url must be absolute. */
    static final String SITE_URL = "SITE_URL";

    public ShareCardHandler() {
        this(Services.live());
    }

    public ShareCardHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        String site = siteUrl(request);
        String id = request.pathParam("id").orElse("");
        if (request.routeKey().equals("GET /share/offer/{id}")) {
            Optional<org.bangfu.core.Offer> offer = Ids.looksValid(id, 'f') ? services.supply().offer(id) : Optional.empty();
            if (offer.isEmpty()) return html(404, ShareCardPage.offerNotFound(site), "public, max-age=30");
            return html(200, ShareCardPage.offer(offer.get(), services.areas().path(offer.get().area()), site, services.lifecycle().today()),
                    "public, max-age=60");
        }
        Optional<Need> need = Ids.looksValid(id, 'n')
                ? services.needs().need(id).filter(n -> n.state().isPublic()) : Optional.empty();
        if (need.isEmpty()) return html(404, ShareCardPage.notFound(site), "public, max-age=30");
        return html(200, ShareCardPage.of(services, need.get(), site), "public, max-age=60");
    }

    /**
     * SITE_URL when set (it should be in AWS: behind CloudFront the Host header is API Gateway's);
     * otherwise the request's own Host, accepted only if it looks like a host name.
     */
    static String siteUrl(ApiRequest request) {
        String configured = setting(SITE_URL);
        if (configured != null && configured.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?/?")) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String host = request.header("host").orElse("");
        if (!host.matches("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?")) return "";
        boolean local = host.startsWith("localhost") || host.startsWith("127.") || host.matches("[0-9.]+(:\\d+)?");
        String proto = request.header("x-forwarded-proto").filter(p -> p.equals("http") || p.equals("https"))
                .orElse(local ? "http" : "https");
        return proto + "://" + host;
    }

    private static String setting(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? System.getProperty(name) : v;
    }

    private static APIGatewayV2HTTPResponse html(int status, String body, String cache) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(Map.of(
                        "content-type", "text/html; charset=utf-8",
                        "cache-control", cache,
                        "x-content-type-options", "nosniff",
                        "referrer-policy", "strict-origin-when-cross-origin",
                        // The card runs no script and submits nothing.
                        "content-security-policy", "default-src 'none'; img-src 'self' https:; style-src 'unsafe-inline'; "
                                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"))
                .withBody(body).withIsBase64Encoded(false).build();
    }

    /** SnapStart priming: the typical request, on the canned in-memory table. */
    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String offer = org.bangfu.lambda.SupplyLookups.World.in(w).offer().id();
        return List.of(Priming.request("GET", "GET /share/{id}", "/share/" + w.published.id(), Map.of("id", w.published.id()), null, null, null),
                Priming.request("GET", "GET /share/offer/{id}", "/share/offer/" + offer, Map.of("id", offer), null, null, null));
    }
}
