package org.bangfu.wechat;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bangfu.core.DomainException;
import org.bangfu.store.WeChatStore;

/**
 * wx.config's answer for one page of our site: {appId, timestamp, nonceStr, signature}. Only pages
 * on the site's own origin are signed (the ticket is the pilot's; another site is not ours to vouch for).
 */
public final class JsConfig {
    /** What the page hands to wx.config. */
    public record Answer(String appId, long timestamp, String nonceStr, String signature) {
    }

    static final int MAX_URL = 2000;

    private final String siteOrigin;
    private final Supplier<String> appId;
    private final Supplier<String> ticket;
    private final Clock clock;

    public JsConfig(String siteUrl, Supplier<String> appId, Supplier<String> ticket, Clock clock) {
        this.siteOrigin = origin(URI.create(siteUrl));
        this.appId = appId;
        this.ticket = ticket;
        this.clock = clock;
    }

    /**
     * From the function's settings: WECHAT_SECRET_ARN (empty: WeChat is off, nothing to configure),
     * SITE_URL, WECHAT_API_BASE. Nothing is read from Secrets Manager or WeChat before the first request.
     */
    public static Optional<JsConfig> fromSettings(Function<String, String> setting, WeChatStore store, Clock clock) {
        String arn = setting.apply("WECHAT_SECRET_ARN");
        if (arn == null || arn.isBlank()) return Optional.empty();
        String site = setting.apply("SITE_URL");
        if (site == null || site.isBlank()) throw new IllegalStateException("WECHAT_SECRET_ARN is set but SITE_URL is not");
        Supplier<WeChatAccount> account = WeChatAccount.lazily(arn);
        Credentials credentials = new Credentials(store, new WeChatApi(setting.apply("WECHAT_API_BASE")), account, clock);
        return Optional.of(new JsConfig(site, credentials::appId, credentials::jsapiTicket, clock));
    }

    /** The answer for {@code url} (its fragment dropped, as WeChat signs it); 400 for a missing, odd or foreign URL. */
    public Answer sign(String url) {
        String page = page(url);
        long timestamp = clock.instant().getEpochSecond();
        String nonce = JsSdkSignature.nonce();
        return new Answer(appId.get(), timestamp, nonce, JsSdkSignature.sign(ticket.get(), nonce, timestamp, page));
    }

    String page(String url) {
        if (url == null || url.isBlank()) throw new DomainException.Invalid("url", "required", "需要页面地址 (url is required)");
        if (url.length() > MAX_URL) throw new DomainException.Invalid("url", "too_long", "页面地址过长 (url is too long)");
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new DomainException.Invalid("url", "malformed", "页面地址无效 (url is not a URL)");
        }
        if (!u.isAbsolute() || u.getHost() == null || !siteOrigin.equals(origin(u))) {
            throw new DomainException.Invalid("url", "foreign_origin", "只为本站页面签名 (only pages of this site are signed)");
        }
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private static String origin(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = u.getPort() >= 0 ? u.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme + "://" + (u.getHost() == null ? "" : u.getHost().toLowerCase(java.util.Locale.ROOT)) + ":" + port;
    }
}
