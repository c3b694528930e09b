package org.bangfu.fn.wechatjsconfig;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.store.Dynamo;
import org.bangfu.store.WeChatStore;
import org.bangfu.wechat.JsConfig;
import org.bangfu.wechat.WeChatApi;

/**
 * GET /api/wechat/js-config?url= - what a page of the site opened in WeChat hands to wx.config.
 * Without a WeChat account (WECHAT_SECRET_ARN empty) the feature is off: 404 wechat_off, and the
 * site stays as it is. WeChat unreachable or refusing: 503, the page simply shares without a card.
 */
public final class WeChatJsConfigHandler extends HttpHandler {
    private final Optional<JsConfig> config;

    public WeChatJsConfigHandler() {
        this(Services.live());
    }

    public WeChatJsConfigHandler(Services services) {
        // Priming signs with a canned ticket: the whole path loads, nothing is asked of Secrets Manager or WeChat.
        this(services, Priming.active()
                ? Optional.of(new JsConfig("https://priming.invalid", () -> "wxpriming", () -> "priming-ticket", Clock.systemUTC()))
                : JsConfig.fromSettings(Dynamo::setting, new WeChatStore(services.idempotency().db(), services.idempotency().table()),
                        Clock.systemUTC()));
    }

    public WeChatJsConfigHandler(Services services, Optional<JsConfig> config) {
        super(services);
        this.config = config;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        if (config.isEmpty()) {
            return Responses.error(404, "wechat_off", "本站未接入微信公众号 (this site has no WeChat official account)");
        }
        try {
            JsConfig.Answer a = config.get().sign(request.query("url").orElse(null));
            return Responses.json(200, Json.object().put("appId", a.appId()).put("timestamp", a.timestamp())
                    .put("nonceStr", a.nonceStr()).put("signature", a.signature()));
        } catch (WeChatApi.Unavailable e) {
            org.bangfu.lambda.Log.error(null).with("problem", e.getMessage()).write();
            return Responses.json(503, Responses.errorBody("wechat_unavailable", "微信暂时无法连接，请稍后重试 (WeChat is unavailable)"),
                    Map.of("retry-after", "5"));
        }
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /api/wechat/js-config", "/api/wechat/js-config", null,
                Map.of("url", "https://priming.invalid/need.html?id=n"), null, null));
    }
}
