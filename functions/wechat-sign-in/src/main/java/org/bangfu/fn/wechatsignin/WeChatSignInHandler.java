package org.bangfu.fn.wechatsignin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.Person;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Log;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.store.Dynamo;
import org.bangfu.store.WeChatLinks;
import org.bangfu.tokens.Sessions;
import org.bangfu.wechat.WeChatAccount;
import org.bangfu.wechat.WeChatApi;
import org.bangfu.wechat.WebAuthorization;
import org.bangfu.wechat.WebAuthorization.Purpose;

/**
 * One-tap sign-in inside WeChat (公众号网页授权, snsapi_base), for people who linked their WeChat:
 * <ul>
 * <li>POST /api/auth/wechat/authorize → {url, state, verifier}: where to send the person (WeChat's authorize page);
 * <li>POST /api/auth/wechat {code, state, verifier} → the same answer as the SMS sign-in, or 404 wechat_not_linked;
 * <li>POST /api/me/wechat/authorize (signed in) → {url, state, verifier}, for linking;
 * <li>POST /api/me/wechat {code, state, verifier} (signed in) → 200 {linked}; 409 when the WeChat is another person's;
 * <li>GET /api/me/wechat (signed in) → {linked, linkedAt?};
 * <li>DELETE /api/me/wechat (signed in) → 200 {linked: false}, 404 wechat_not_linked when there is no link.
 * </ul>
 * Without a WeChat account (WECHAT_SECRET_ARN empty) everything is 404 wechat_off.
 */
public final class WeChatSignInHandler extends HttpHandler {
    private static final Set<String> FINISH = Set.of("code", "state", "verifier");
    private final Optional<WebAuthorization> web;

    public WeChatSignInHandler() {
        this(Services.live());
    }

    public WeChatSignInHandler(Services services) {
        // Priming starts an authorisation with a canned account: nothing is asked of Secrets Manager or WeChat.
        this(services, Priming.active()
                ? Optional.of(new WebAuthorization("https://priming.invalid", () -> new WeChatAccount("wxpriming", "priming-secret"),
                        new WeChatApi("https://priming.invalid"), null, Clock.systemUTC()))
                : WebAuthorization.fromSettings(Dynamo::setting, Clock.systemUTC()));
    }

    public WeChatSignInHandler(Services services, Optional<WebAuthorization> web) {
        super(services);
        this.web = web;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        if (web.isEmpty()) return Responses.error(404, "wechat_off", "本站未接入微信公众号 (this site has no WeChat official account)");
        try {
            return switch (request.routeKey()) {
                case "POST /api/auth/wechat/authorize" -> start(request, Purpose.SIGN_IN, null);
                case "POST /api/me/wechat/authorize" -> start(request, Purpose.LINK, request.actor().id());
                case "POST /api/me/wechat" -> link(request);
                case "GET /api/me/wechat" -> status(request);
                case "DELETE /api/me/wechat" -> unlink(request);
                default -> signIn(request);
            };
        } catch (WeChatApi.Unavailable e) {
            Log.error(null).with("problem", e.getMessage()).write();
            return Responses.json(503, Responses.errorBody("wechat_unavailable", "微信暂时无法连接，请稍后重试 (WeChat is unavailable)"),
                    Map.of("retry-after", "5"));
        }
    }

    private APIGatewayV2HTTPResponse start(ApiRequest request, Purpose purpose, String personId) {
        request.bodyOrEmpty().only(Set.of()).done();
        WebAuthorization.Start s = web.get().start(purpose, personId);
        return Responses.json(200, Json.object().put("url", s.url()).put("state", s.state()).put("verifier", s.verifier()),
                Map.of("cache-control", "no-store"));
    }

    private APIGatewayV2HTTPResponse signIn(ApiRequest request) {
        String[] f = finishFields(request);
        WeChatApi.WebAuth who = web.get().finish(Purpose.SIGN_IN, null, f[0], f[1], f[2]);
        Optional<Person> person = links().personOf(web.get().appId(), who.openid()).flatMap(id -> services.people().get(id));
        if (person.isEmpty()) {
            return Responses.error(404, "wechat_not_linked",
                    "这个微信还没有绑定账号：请先用手机号登录一次，再绑定微信 (this WeChat is not linked: sign in with your phone once, then link it)");
        }
        return Responses.json(200, Sessions.start(services, person.get(), services.lifecycle().now()), Map.of("cache-control", "no-store"));
    }

    private APIGatewayV2HTTPResponse link(ApiRequest request) {
        Actor me = request.actor();
        String[] f = finishFields(request);
        // Only a phone-verified person: the WeChat becomes another way in to that person.
        Optional<Person> person = services.people().get(me.id()).filter(p -> p.phone() != null);
        if (person.isEmpty()) {
            return Responses.error(403, "phone_required", "请先用手机号登录 (sign in with your phone number first)");
        }
        WeChatApi.WebAuth who = web.get().finish(Purpose.LINK, me.id(), f[0], f[1], f[2]);
        Instant now = services.lifecycle().now();
        return switch (links().link(web.get().appId(), who.openid(), who.unionid(), me.id(), now)) {
            case LINKED -> Responses.json(200, Json.object().put("linked", true));
            case OPENID_TAKEN -> Responses.error(409, "wechat_linked_elsewhere",
                    "这个微信已绑定另一个账号 (this WeChat is already linked to another person)");
            case PERSON_HAS_ANOTHER -> Responses.error(409, "person_has_another_wechat",
                    "你的账号已绑定另一个微信 (your account is already linked to another WeChat)");
        };
    }

    private APIGatewayV2HTTPResponse status(ApiRequest request) {
        var link = links().linkOf(request.actor().id());
        var body = Json.object().put("linked", link.isPresent());
        link.ifPresent(l -> body.put("linkedAt", l.linkedAt().toString()));
        return Responses.json(200, body, Map.of("cache-control", "no-store"));
    }

    /** Signing in with WeChat stops; sessions already open run out as usual (the phone still signs in). */
    private APIGatewayV2HTTPResponse unlink(ApiRequest request) {
        request.bodyOrEmpty().only(Set.of()).done();
        if (!links().unlink(request.actor().id())) {
            return Responses.error(404, "wechat_not_linked", "你的账号没有绑定微信 (your account has no WeChat linked)");
        }
        return Responses.json(200, Json.object().put("linked", false));
    }

    /** code, state, verifier as text (their checks are WebAuthorization's); 400 for a body that is not just those. */
    private static String[] finishFields(ApiRequest request) {
        Body body = request.body().only(FINISH);
        String[] f = {body.text("code"), body.text("state"), body.text("verifier")};
        body.done();
        return f;
    }

    private WeChatLinks links() {
        return new WeChatLinks(services.idempotency().db(), services.idempotency().table());
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("POST", "POST /api/auth/wechat/authorize", "/api/auth/wechat/authorize", null, null, null, null));
    }
}
