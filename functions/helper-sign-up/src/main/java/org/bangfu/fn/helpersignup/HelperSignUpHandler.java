package org.bangfu.fn.helpersignup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.Grant;
import org.bangfu.core.Person;
import org.bangfu.core.Role;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.store.PeopleStore;

/**
 * POST /api/me/helper {name, about?}: anyone signed in becomes a 帮扶主体 (helper) — free claiming
 * by anyone willing is the heart of the Danyang model; the open-claim cap keeps it safe.
 * DELETE /api/me/helper: the helper leaves. The new role is in the next access token: the site
 * refreshes right after (POST /api/auth/refresh).
 */
public final class HelperSignUpHandler extends HttpHandler {
    public HelperSignUpHandler() {
        this(Services.live());
    }

    public HelperSignUpHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor me = request.actor();
        PeopleStore people = services.people();
        Instant now = services.lifecycle().now();
        Person person = people.get(me.id()).orElseGet(() -> new Person(me.id(), null, me.displayName(), null, Map.of(), now));
        if (request.routeKey().startsWith("DELETE")) {
            Grant g = person.grants().get(Role.HELPER);
            if (g != null) people.dismiss(me.id(), g, me.id(), "helper-leave", now);
            return Responses.json(200, Json.object().put("helper", false));
        }
        Body body = request.body().only(Set.of("name", "about"));
        String name = body.text("name");
        String about = body.text("about");
        if (name == null || name.isBlank() || name.strip().length() > 40 || name.chars().anyMatch(c -> c < 0x20)) {
            body.error("name", "显示名称 1 到 40 个字 (display name: 1–40 characters)");
        }
        if (about != null && (about.strip().length() > 200 || about.chars().anyMatch(c -> c < 0x20))) {
            body.error("about", "简介最多 200 个字 (at most 200 characters)");
        }
        body.done();
        String cleanAbout = about == null || about.isBlank() ? null : about.strip();
        people.updateProfile(person, name.strip(), cleanAbout);
        Person renamed = new Person(person.id(), person.phone(), name.strip(), cleanAbout, person.grants(), person.createdAt());
        // Written only if still not held: a second sign-up at once finds it there, and that is fine.
        if (!person.grants().containsKey(Role.HELPER)) people.grant(renamed, new Grant(Role.HELPER, null, me.id(), now), "helper-join", null);
        return Responses.json(200, Json.object().put("helper", true).put("name", renamed.name()).put("about", cleanAbout));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("POST", "POST /api/me/helper", "/api/me/helper", null, null,
                "{\"name\":\"预热帮扶者\",\"about\":\"预热\"}", w.helper));
    }
}
