package org.bangfu.fn.inbox;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.Notice;
import org.bangfu.core.Notifications;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.store.Inbox;

/**
 * GET /api/me/notifications: the newest 50 lines of one's inbox and how many are unread.
 * POST /api/me/notifications/read with {"ids":[…]} or {"all":true}: marks them read.
 * POST /api/me/notification-settings with {"language":"zh-CN"|"en","sms":true|false}.
 */
public final class InboxHandler extends HttpHandler {
    private final Inbox inbox;

    public InboxHandler() {
        this(Services.live());
    }

    public InboxHandler(Services services) {
        super(services);
        this.inbox = services.inbox();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor me = request.actor();
        return switch (request.routeKey()) {
            case "POST /api/me/notifications/read" -> markRead(me, request);
            case "POST /api/me/notification-settings" -> settings(me, request);
            default -> list(me);
        };
    }

    private APIGatewayV2HTTPResponse list(Actor me) {
        List<Inbox.Line> lines = inbox.latest(me.id());
        Inbox.Settings settings = inbox.settings(me.id());
        ObjectNode out = Json.object();
        out.put("unread", lines.stream().filter(l -> !l.read()).count());
        ArrayNode items = out.putArray("items");
        for (Inbox.Line l : lines) {
            Notice n = l.notice();
            ObjectNode o = items.addObject();
            o.put("id", l.id());
            o.put("kind", n.kind().name());
            o.put("actionNeeded", n.kind().actionNeeded());
            if (n.needId() != null) o.put("needId", n.needId());
            if (n.claimId() != null) o.put("claimId", n.claimId());
            o.put("at", n.at().toString());
            o.put("text", Notifications.text(n, settings.language()));
            o.put("read", l.read());
        }
        out.putObject("settings").put("language", settings.language()).put("sms", settings.sms());
        return Responses.json(200, out);
    }

    private APIGatewayV2HTTPResponse markRead(Actor me, ApiRequest request) {
        Body body = request.body().only(Set.of("ids", "all"));
        Boolean all = body.bool("all");
        JsonNode ids = body.node("ids");
        List<String> chosen = new ArrayList<>();
        if (Boolean.TRUE.equals(all)) {
            if (ids != null) body.error("ids", "ids 与 all 只能给一个 (give ids or all, not both)");
        } else if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > Inbox.PAGE) {
            body.error("ids", "须为 1 到 " + Inbox.PAGE + " 个通知编号，或 all: true (1–" + Inbox.PAGE + " ids, or all: true)");
        } else {
            for (JsonNode id : ids) {
                if (!id.isTextual() || !Inbox.isLineId(id.asText())) {
                    body.error("ids", "不是通知编号 (not a notification id)");
                    break;
                }
                chosen.add(id.asText());
            }
        }
        body.done();
        if (Boolean.TRUE.equals(all)) {
            for (Inbox.Line l : inbox.latest(me.id())) if (!l.read()) chosen.add(l.id());
        }
        int marked = 0;
        for (String id : chosen) if (inbox.markRead(me.id(), id)) marked++;
        return Responses.json(200, Json.object().put("marked", marked));
    }

    private APIGatewayV2HTTPResponse settings(Actor me, ApiRequest request) {
        Body body = request.body().only(Set.of("language", "sms"));
        String language = body.text("language");
        Boolean sms = body.bool("sms");
        if (language != null && !Notifications.LANGUAGES.contains(language)) body.error("language", "须为 zh-CN 或 en");
        body.done();
        Inbox.Settings before = inbox.settings(me.id());
        Inbox.Settings after = new Inbox.Settings(language == null ? before.language() : language, sms == null ? before.sms() : sms);
        inbox.saveSettings(me.id(), after);
        return Responses.json(200, Json.object().put("language", after.language()).put("sms", after.sms()));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /api/me/notifications", "/api/me/notifications", Map.of(), null, null, w.helper));
    }
}
