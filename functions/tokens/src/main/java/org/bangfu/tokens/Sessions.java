package org.bangfu.tokens;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.bangfu.core.Grant;
import org.bangfu.core.Ids;
import org.bangfu.core.Person;
import org.bangfu.core.SignInRules;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Views;

/**
 * The one place a sign-in's answer is made, whatever proved who the person is (an SMS code, a
 * linked WeChat): {accessToken, tokenType, expiresIn, refreshToken, person}.
 */
public final class Sessions {
    private Sessions() {
    }

    /** A new sign-in of {@code p}: a new refresh-token family and its first pair. */
    public static ObjectNode start(Services services, Person p, Instant now) {
        String refresh = SignInRules.newRefreshToken();
        services.signIn().newFamily(p.id(), Ids.person().substring(1) + Ids.person().substring(1), refresh, now);
        return pair(services, p, refresh, now);
    }

    /** An access token for {@code p} with the roles the table holds now, beside the refresh token given. */
    public static ObjectNode pair(Services services, Person p, String refresh, Instant now) {
        ObjectNode out = Json.object();
        out.put("accessToken", Tokens.fromEnvironment().issue(p.id(), p.name(), p.roleClaims(), now, Tokens.ACCESS_TTL));
        out.put("tokenType", "Bearer");
        out.put("expiresIn", Tokens.ACCESS_TTL.toSeconds());
        out.put("refreshToken", refresh);
        out.set("person", person(p, services));
        return out;
    }

    /** The signed-in person as the site shows them: id, name, each role with its area. */
    public static ObjectNode person(Person p, Services services) {
        ObjectNode o = Json.object();
        o.put("id", p.id());
        o.put("name", p.name());
        if (p.about() != null) o.put("about", p.about());
        ArrayNode roles = o.putArray("roles");
        for (Grant g : p.grants().values()) {
            ObjectNode r = roles.addObject().put("role", g.role().group());
            if (g.area() != null) r.set("area", Views.area(g.area(), services.areas()));
        }
        return o;
    }
}
