package org.bangfu.wechat;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bangfu.core.DomainException;
import org.junit.jupiter.api.Test;

/** The state of a web authorisation: a pair with its verifier, for one purpose and person, for ten minutes. */
class WebAuthorizationTest {
    private final Instant t0 = Instant.parse("2026-12-03T08:00:00Z");
    private final WeChatAccount account = new WeChatAccount("wxtest", "test-secret");

    private WebAuthorization at(Instant now) {
        // Nothing listens there: a finish whose state passes ends at WeChat, unreachable.
        return new WebAuthorization("https://bangfu.example.cn/", () -> account, new WeChatApi("http://127.0.0.1:1"), null,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theUrlIsWeChatsAuthorizePageForSnsapiBaseBackToOurSignInPage() {
        WebAuthorization.Start s = at(t0).start(WebAuthorization.Purpose.SIGN_IN, null);
        assertEquals("https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxtest&redirect_uri="
                + "https%3A%2F%2Fbangfu.example.cn%2Fsignin.html&response_type=code&scope=snsapi_base&state=" + s.state()
                + "#wechat_redirect", s.url());
        assertTrue(s.state().matches("[0-9a-f]{64}"), "WeChat takes a state of letters and digits, up to 128");
    }

    @Test
    void aStateIsGoodForTenMinutesForItsPurposeAndPersonOnly() {
        WebAuthorization.Start s = at(t0).start(WebAuthorization.Purpose.LINK, "p1");
        assertThrows(WeChatApi.Unavailable.class, () -> at(t0.plus(Duration.ofMinutes(9)))
                .finish(WebAuthorization.Purpose.LINK, "p1", "code", s.state(), s.verifier()), "passes the state check, goes to WeChat");
        assertBadState(() -> at(t0.plus(Duration.ofMinutes(10))).finish(WebAuthorization.Purpose.LINK, "p1", "code", s.state(), s.verifier()));
        assertBadState(() -> at(t0).finish(WebAuthorization.Purpose.LINK, "p2", "code", s.state(), s.verifier()));
        assertBadState(() -> at(t0).finish(WebAuthorization.Purpose.SIGN_IN, null, "code", s.state(), s.verifier()));
        WebAuthorization otherAccount = new WebAuthorization("https://bangfu.example.cn", () -> new WeChatAccount("wxtest", "other"),
                new WeChatApi("http://127.0.0.1:1"), null, Clock.fixed(t0, ZoneOffset.UTC));
        assertBadState(() -> otherAccount.finish(WebAuthorization.Purpose.LINK, "p1", "code", s.state(), s.verifier()));
    }

    private static void assertBadState(org.junit.jupiter.api.function.Executable e) {
        DomainException.Invalid x = assertThrows(DomainException.Invalid.class, e);
        assertEquals("bad_state", x.errors().get(0).code());
    }
}
