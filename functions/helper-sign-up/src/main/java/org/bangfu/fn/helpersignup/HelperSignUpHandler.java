package org.bangfu.fn.helpersignup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.DisplayNames;
import org.bangfu.core.DomainException;
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
 * by anyone willing is the heart of the Danyang model; the open-claim cap keeps it safe. The same
 * call renames: the name follows core/DisplayNames, and changes at most once per 30 days (the store
 * checks it in the write). A person an area admin removed as a helper cannot sign up again here.
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
        Optional<Person> stored = people.get(me.id());
        Person person = stored.orElseGet(() -> new Person(me.id(), null, me.displayName(), null, Map.of(), now));
        if (request.routeKey().startsWith("DELETE")) {
            Grant g = person.grants().get(Role.HELPER);
            if (g != null) people.dismiss(me.id(), g, me.id(), "helper-leave", now);
            return Responses.json(200, Json.object().put("helper", false));
        }
        Body body = request.body().only(Set.of("name", "about"));
        String name = body.text("name");
        String about = body.text("about");
        DisplayNames.problem(name).ifPresent(p -> body.error("name", p.code(), p.message()));
        if (about != null && (about.strip().length() > 200 || about.codePoints().anyMatch(c -> c < 0x20 || Character.getType(c) == Character.FORMAT))) {
            body.error("about", "简介最多 200 个字，不含控制字符 (at most 200 characters, no control characters)");
        }
        body.done();
        String clean = name.strip();
        String cleanAbout = about == null || about.isBlank() ? null : about.strip();
        boolean helper = person.grants().containsKey(Role.HELPER);
        if (!helper && people.helperRemovedAt(me.id()).isPresent()) throw removed();
        if (stored.isEmpty() || !clean.equals(person.name())) {
            switch (people.rename(person, stored.isPresent(), clean, cleanAbout, now, DisplayNames.RENAME_EVERY)) {
                case PeopleStore.Renamed.TooSoon t -> throw new DomainException.Conflict("rename_too_soon",
                        "显示名称每 30 天只能修改一次，下次可在 " + t.nextAllowed() + " 之后修改 (one rename per 30 days; next allowed after "
                                + t.nextAllowed() + ")", null);
                case PeopleStore.Renamed.Changed c -> throw new DomainException.Conflict("name_changed",
                        "显示名称刚刚被修改，请刷新 (the name changed just now: reload)", null);
                case PeopleStore.Renamed.Done d -> { }
            }
        } else if (!java.util.Objects.equals(cleanAbout, person.about())) {
            people.updateAbout(person.id(), cleanAbout);
        }
        Person renamed = new Person(person.id(), person.phone(), clean, cleanAbout, person.grants(), person.createdAt());
        // Refused: removed by an admin, or a second sign-up at the same moment got there first (fine).
        if (!helper && !people.joinAsHelper(renamed, new Grant(Role.HELPER, null, me.id(), now))
                && !people.get(me.id()).map(p -> p.grants().containsKey(Role.HELPER)).orElse(false)) {
            throw removed();
        }
        return Responses.json(200, Json.object().put("helper", true).put("name", renamed.name()).put("about", cleanAbout));
    }

    private static DomainException removed() {
        return new DomainException.Conflict("helper_removed",
                "您的帮扶主体资格已被区域管理员撤销，请联系当地管理员 (an area admin removed your helper role: contact them)", null);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("POST", "POST /api/me/helper", "/api/me/helper", null, null,
                "{\"name\":\"预热帮扶者\",\"about\":\"预热\"}", w.helper));
    }
}
