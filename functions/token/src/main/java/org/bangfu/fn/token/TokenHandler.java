package org.bangfu.fn.token;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bangfu.core.Ids;
import org.bangfu.core.Person;
import org.bangfu.core.Phone;
import org.bangfu.core.SignInRules;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Identity;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.store.SignInStore;
import org.bangfu.tokens.Sessions;

/**
 * The token function (the only one allowed kms:Sign):
 * POST /api/auth/token {phone, code} → {accessToken, expiresIn, refreshToken, person}; a phone
 * nobody has yet becomes a person with no role. POST /api/auth/refresh {refreshToken} → a new
 * pair, with the roles the table holds now (a dismissed role is gone). POST /api/auth/logout
 * {refreshToken} → 204, the sign-in's refresh tokens stop working.
 */
public final class TokenHandler extends HttpHandler {
    public TokenHandler() {
        this(Services.live());
    }

    public TokenHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return switch (request.routeKey()) {
            case "POST /api/auth/token" -> signIn(request);
            case "POST /api/auth/refresh" -> refresh(request);
            default -> logout(request);
        };
    }

    private APIGatewayV2HTTPResponse signIn(ApiRequest request) {
        Body body = request.body().only(Set.of("phone", "code"));
        Optional<String> phone = Phone.parse(body.text("phone"));
        String code = body.text("code");
        if (phone.isEmpty()) body.error("phone", "请输入手机号 (a mobile number)");
        if (!SignInRules.looksLikeCode(code)) body.error("code", "验证码为 6 位数字 (the code is 6 digits)");
        body.done();
        Instant now = services.lifecycle().now();
        SignInStore.CodeCheck check = services.signIn()
                .checkCode(phone.get(), SignInRules.codeHash(Identity.codeHashKey(), phone.get(), code), now);
        if (check == SignInStore.CodeCheck.LOCKED) {
            return Responses.json(401, Responses.errorBody("code_locked", "错误次数过多，请重新获取验证码 (too many tries: ask for a new code)"),
                    Map.of("www-authenticate", "Bearer"));
        }
        if (check != SignInStore.CodeCheck.OK) {
            return Responses.json(401, Responses.errorBody("invalid_code", "验证码错误或已过期 (wrong or expired code)"),
                    Map.of("www-authenticate", "Bearer"));
        }
        Person person = services.people().getOrCreate(phone.get(), Ids.person(),
                "用户" + phone.get().substring(phone.get().length() - 4), now);
        return Responses.json(200, Sessions.start(services, person, now), Map.of("cache-control", "no-store"));
    }

    private APIGatewayV2HTTPResponse refresh(ApiRequest request) {
        Body body = request.body().only(Set.of("refreshToken"));
        String token = body.text("refreshToken");
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,100}")) body.error("refreshToken", "缺少刷新令牌 (refreshToken is required)");
        body.done();
        Instant now = services.lifecycle().now();
        String next = SignInRules.newRefreshToken();
        Optional<SignInStore.Refresh> r = services.signIn().rotate(token, next, now);
        Optional<Person> person = r.flatMap(x -> services.people().get(x.personId()));
        if (person.isEmpty()) {
            return Responses.json(401, Responses.errorBody("invalid_refresh_token", "登录已失效，请重新登录 (signed out: sign in again)"),
                    Map.of("www-authenticate", "Bearer"));
        }
        return Responses.json(200, Sessions.pair(services, person.get(), next, now), Map.of("cache-control", "no-store"));
    }

    private APIGatewayV2HTTPResponse logout(ApiRequest request) {
        Body body = request.bodyOrEmpty().only(Set.of("refreshToken"));
        String token = body.text("refreshToken");
        body.done();
        if (token != null && token.matches("[A-Za-z0-9_-]{20,100}")) services.signIn().revokeByToken(token);
        return Responses.raw(204, null, Map.of("cache-control", "no-store"));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("POST", "POST /api/auth/logout", "/api/auth/logout", null, null,
                "{\"refreshToken\":\"priming-priming-priming-priming\"}", null));
    }
}
