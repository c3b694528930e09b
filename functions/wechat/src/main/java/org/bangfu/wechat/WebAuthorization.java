package org.bangfu.wechat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bangfu.core.DomainException;
import org.bangfu.core.FieldError;

/**
 * WeChat's web authorisation (公众号网页授权, scope snsapi_base: no consent screen, just the
 * person's openid). {@link #start} makes the URL the page sends the person to; WeChat sends them
 * back to our sign-in page with {@code code} and {@code state}; {@link #finish} trades the code
 * for the openid at WeChat (with the AppSecret, so never in the page).
 *
 * <p>Against CSRF (a link that makes a victim's browser finish someone else's authorisation), the
 * state is bound to the browser that started: the start answers a random {@code verifier} that
 * never appears in a URL (the page keeps it in sessionStorage) and a {@code state} that is its
 * HMAC, under the AppSecret, together with the purpose and, for linking, the signed-in person. The
 * finish needs both. Nothing is stored: the verifier carries its expiry; the code itself works once.
 */
public final class WebAuthorization {
    public static final String OPEN_BASE = "https://open.weixin.qq.com";
    static final Duration VALID = Duration.ofMinutes(10);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why the person is sent to WeChat: to sign in, or (signed in) to link their WeChat. */
    public enum Purpose { SIGN_IN, LINK }

    /** What the page needs to go: where to, and what to keep until it is back. */
    public record Start(String url, String state, String verifier) {
    }

    private final String redirectUri;
    private final Supplier<WeChatAccount> account;
    private final WeChatApi api;
    private final String openBase;
    private final Clock clock;

    public WebAuthorization(String siteUrl, Supplier<WeChatAccount> account, WeChatApi api, String openBase, Clock clock) {
        // The sign-in page: its domain is the one registered as the account's 网页授权域名.
        this.redirectUri = siteUrl.replaceAll("/+$", "") + "/signin.html";
        this.account = account;
        this.api = api;
        this.openBase = openBase == null || openBase.isBlank() ? OPEN_BASE : openBase.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** From the function's settings (WECHAT_SECRET_ARN empty: off); WECHAT_OPEN_BASE/WECHAT_API_BASE point at a fake. */
    public static Optional<WebAuthorization> fromSettings(Function<String, String> setting, Clock clock) {
        String arn = setting.apply("WECHAT_SECRET_ARN");
        if (arn == null || arn.isBlank()) return Optional.empty();
        String site = setting.apply("SITE_URL");
        if (site == null || site.isBlank()) throw new IllegalStateException("WECHAT_SECRET_ARN is set but SITE_URL is not");
        return Optional.of(new WebAuthorization(site, WeChatAccount.lazily(arn), new WeChatApi(setting.apply("WECHAT_API_BASE")),
                setting.apply("WECHAT_OPEN_BASE"), clock));
    }

    public String appId() {
        return account.get().appId();
    }

    /** A fresh authorisation for this purpose ({@code personId}: the signed-in person when linking, else null). */
    public Start start(Purpose purpose, String personId) {
        StringBuilder nonce = new StringBuilder(22);
        for (int i = 0; i < 22; i++) nonce.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        String verifier = (clock.instant().getEpochSecond() + VALID.toSeconds()) + "." + nonce;
        String state = state(purpose, personId, verifier);
        String url = openBase + "/connect/oauth2/authorize?appid=" + q(appId()) + "&redirect_uri=" + q(redirectUri)
                + "&response_type=code&scope=snsapi_base&state=" + state + "#wechat_redirect";
        return new Start(url, state, verifier);
    }

    /**
     * The WeChat identity behind {@code code}, if state and verifier are a pair this server made for
     * this purpose and person, not expired. 400 for anything missing or odd and for a code WeChat refuses.
     */
    public WeChatApi.WebAuth finish(Purpose purpose, String personId, String code, String state, String verifier) {
        List<FieldError> errors = new ArrayList<>();
        if (code == null || code.isBlank()) errors.add(new FieldError("code", "required", "缺少微信登录码 (code is required)"));
        else if (!code.matches("[A-Za-z0-9_-]{1,128}")) errors.add(new FieldError("code", "malformed", "微信登录码无效 (code is malformed)"));
        if (state == null || state.isBlank()) errors.add(new FieldError("state", "required", "缺少 state (state is required)"));
        if (verifier == null || verifier.isBlank()) errors.add(new FieldError("verifier", "required", "缺少 verifier (verifier is required)"));
        if (!errors.isEmpty()) throw new DomainException.Invalid(errors);
        long now = clock.instant().getEpochSecond();
        long expires = verifier.matches("\\d{1,12}\\.[A-Za-z0-9]{22}") ? Long.parseLong(verifier.substring(0, verifier.indexOf('.'))) : 0;
        boolean paired = state.length() == 64 && MessageDigest.isEqual(state.getBytes(StandardCharsets.US_ASCII),
                state(purpose, personId, verifier).getBytes(StandardCharsets.US_ASCII));
        if (!paired || expires <= now || expires > now + VALID.toSeconds()) {
            throw new DomainException.Invalid("state", "bad_state",
                    "这次微信授权不是在本页开始的或已过期，请重新点击 (this WeChat authorisation was not started here or has expired: tap again)");
        }
        try {
            return api.exchangeCode(account.get(), code);
        } catch (WeChatApi.BadCode e) {
            throw new DomainException.Invalid("code", "rejected",
                    "微信登录码无效或已用过，请重新点击 (WeChat refused the code: used or expired; tap again)");
        }
    }

    private String state(Purpose purpose, String personId, String verifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(account.get().appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String input = "bangfu-wechat-state\n" + purpose + "\n" + (personId == null ? "" : personId) + "\n" + verifier;
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
