package org.bangfu.fn.signincode;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bangfu.core.Phone;
import org.bangfu.core.SignInRules;
import org.bangfu.core.SmsMessage;
import org.bangfu.core.SmsSender;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Identity;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Log;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.sms.SmsProviders;
import org.bangfu.store.SignInStore;

/**
 * POST /api/auth/sms-code {"phone"} → 202: a new 6-digit code by SMS, valid 5 minutes. The
 * answer is the same whether or not the phone belongs to anyone (every phone may sign in; a new
 * one becomes a person at its first sign-in), and the work is the same too: nothing here reads
 * people. Limits (SignInRules): one code a minute and 10 a day per phone, 30 an hour per source.
 */
public final class SignInCodeHandler extends HttpHandler {
    public SignInCodeHandler() {
        this(Services.live());
    }

    public SignInCodeHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Body body = request.body().only(Set.of("phone"));
        Optional<String> phone = Phone.parse(body.text("phone"));
        if (phone.isEmpty()) body.error("phone", "请输入手机号 (a mobile number: 11 digits, or +country code)");
        body.done();
        String code = SignInRules.newCode();
        SignInStore store = services.signIn();
        Optional<SignInStore.SendRefusal> refused = store.storeCode(phone.get(), Identity.source(request),
                SignInRules.codeHash(Identity.codeHashKey(), phone.get(), code), services.lifecycle().now());
        if (refused.isPresent()) {
            return switch (refused.get()) {
                case TOO_SOON -> tooMany("请 1 分钟后再获取验证码 (wait a minute before asking again)", 60);
                case PHONE_DAILY_LIMIT -> tooMany("该号码今天获取验证码次数已达上限 (this number has had its codes for today)", 3600);
                case SOURCE_LIMIT -> tooMany("请求过于频繁，请稍后再试 (too many requests from your network)", 3600);
            };
        }
        try {
            sender().send(new SmsMessage(phone.get(), "signin.code", Map.of("code", code)));
        } catch (SmsSender.Failed e) {
            Log.error(null).with("problem", "sms: " + e.getMessage()).write();
            return Responses.json(503, Responses.errorBody("sms_failed", "短信发送失败，请 1 分钟后重试 (the text could not be sent; try again in a minute)"),
                    Map.of("retry-after", "60"));
        }
        return Responses.json(202, Json.object().put("sent", true).put("expiresIn", SignInRules.CODE_TTL.toSeconds())
                .put("resendAfter", SignInRules.RESEND_AFTER.toSeconds()));
    }

    /** Nothing is sent while priming (the code would reach a real phone). */
    private static SmsSender sender() {
        if (Priming.active()) return m -> { };
        try {
            return SmsProviders.fromEnvironment();
        } catch (IllegalStateException e) { // a pilot without its SMS settings: a 503 and a log line, not a 500
            throw new SmsSender.Failed("SMS is not configured: " + e.getMessage(), e);
        }
    }

    private static APIGatewayV2HTTPResponse tooMany(String message, int retryAfter) {
        return Responses.json(429, Responses.errorBody("too_many_requests", message), Map.of("retry-after", Integer.toString(retryAfter)));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("POST", "POST /api/auth/sms-code", "/api/auth/sms-code", null, null,
                "{\"phone\":\"13800000000\"}", null));
    }
}
