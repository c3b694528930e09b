package org.bangfu.fn.people;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.Appointments;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Claim;
import org.bangfu.core.ClaimState;
import org.bangfu.core.Need;
import org.bangfu.core.DomainException;
import org.bangfu.core.Grant;
import org.bangfu.core.Ids;
import org.bangfu.core.Person;
import org.bangfu.core.Phone;
import org.bangfu.core.Role;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Views;
import org.bangfu.store.PeopleStore;

/**
 * Area admins manage the people of their area (rules: core/Appointments):
 * GET /api/people?area=&role= lists role holders in the admin's area (with phones: only admins
 * of the area see them) and the latest changes; POST /api/people {phone, name, role, area}
 * appoints a phone number (a person is made for a new one); DELETE /api/people/{id}/roles/{role}
 * dismisses (for role helper: takes an abusive helper off, see removeHelper). Every change is an audit line, written in the same transaction. A change reaches
 * the person's next access token (at most 15 minutes away): refresh reads the table.
 */
public final class PeopleHandler extends HttpHandler {
    public PeopleHandler() {
        this(Services.live());
    }

    public PeopleHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor admin = request.actor();
        AreaCode own = Appointments.adminArea(admin);
        return switch (request.routeKey()) {
            case "GET /api/people" -> list(request, own);
            case "POST /api/people" -> appoint(request, admin);
            default -> dismiss(request, admin);
        };
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request, AreaCode own) {
        AreaCode area = request.areaQuery("area", services.areas()).orElse(own);
        if (!own.contains(area)) throw new DomainException.Forbidden("只能查看本辖区 (outside your area)");
        Role role = request.query("role").map(r -> Role.fromGroup(r)
                .orElseThrow(() -> new DomainException.Invalid("role", "poster、council、volunteer、admin 之一"))).orElse(null);
        PeopleStore people = services.people();
        Map<String, ObjectNode> byPerson = new LinkedHashMap<>();
        for (PeopleStore.Holder h : people.holders(area, role, 500)) {
            ObjectNode p = byPerson.computeIfAbsent(h.personId(), id -> Json.object().put("id", id).put("name", h.name())
                    .put("phone", h.phone()));
            p.withArray("roles").add(grant(h.grant()));
        }
        ObjectNode out = Json.object();
        out.set("area", Views.area(area, services.areas()));
        ArrayNode list = out.putArray("people");
        byPerson.values().forEach(list::add);
        ArrayNode changes = out.putArray("changes");
        for (PeopleStore.Change c : people.changes(area, 50)) {
            ObjectNode o = changes.addObject().put("at", c.at().toString()).put("actorId", c.actorId()).put("action", c.action())
                    .put("personId", c.personId()).put("role", c.role() == null ? null : c.role().group());
            if (c.area() != null) o.put("areaCode", c.area().code());
        }
        return Responses.json(200, out);
    }

    private APIGatewayV2HTTPResponse appoint(ApiRequest request, Actor admin) {
        Body body = request.body().only(Set.of("phone", "name", "role", "area"));
        Optional<String> phone = Phone.parse(body.text("phone"));
        String name = body.text("name");
        Optional<Role> role = Optional.ofNullable(body.text("role")).flatMap(Role::fromGroup).filter(Appointments.APPOINTED::contains);
        Optional<AreaCode> area = AreaCode.parse(body.text("area"));
        if (phone.isEmpty()) body.error("phone", "请输入手机号 (a mobile number)");
        if (name == null || name.isBlank() || name.strip().length() > 40 || name.chars().anyMatch(ch -> ch < 0x20)) {
            body.error("name", "姓名 1 到 40 个字 (1–40 characters)");
        }
        if (role.isEmpty()) body.error("role", "poster、council、volunteer 或 admin");
        if (area.isEmpty() || !services.areas().exists(area.get())) body.error("area", "不是本平台的区划代码 (unknown area)");
        body.done();
        Instant now = services.lifecycle().now();
        PeopleStore people = services.people();
        // The rules first, so a refused appointment leaves nothing behind (not even a person for a new phone).
        Optional<Person> existing = people.byPhone(phone.get());
        Grant held = existing.map(p -> p.grants().get(role.get())).orElse(null);
        Appointments.checkGrant(admin, existing.map(Person::id).orElse(null), role.get(), area.get(), services.areas(), held);
        Person target = existing.orElseGet(() -> people.getOrCreate(phone.get(), Ids.person(), name.strip(), now));
        // Only onto the grant the rules were checked against (none, for a new phone).
        if (!people.grant(target, new Grant(role.get(), area.get(), admin.id(), now), "grant-role", held)) {
            throw new DomainException.Conflict("角色刚刚被他人修改 (changed by someone else just now)", null);
        }
        Person after = people.get(target.id()).orElseThrow();
        return Responses.json(201, view(after));
    }

    private APIGatewayV2HTTPResponse dismiss(ApiRequest request, Actor admin) {
        String id = request.pathParam("id").filter(Ids::looksLikePerson)
                .orElseThrow(() -> new DomainException.NotFound("没有这个人 (no such person)"));
        Role role = request.pathParam("role").flatMap(Role::fromGroup)
                .orElseThrow(() -> new DomainException.NotFound("没有这个角色 (no such role)"));
        PeopleStore people = services.people();
        Person target = people.get(id).orElseThrow(() -> new DomainException.NotFound("没有这个人 (no such person)"));
        Grant grant = target.grants().get(role);
        if (role == Role.HELPER) return removeHelper(admin, target, grant, people);
        if (grant == null) throw new DomainException.NotFound("此人没有该角色 (does not hold this role)");
        Appointments.checkDismiss(admin, target.id(), grant);
        if (!people.dismiss(target.id(), grant, admin.id(), "dismiss-role", services.lifecycle().now())) {
            throw new DomainException.Conflict("角色刚刚被他人修改 (changed by someone else just now)", null);
        }
        return Responses.json(200, view(people.get(target.id()).orElseThrow()));
    }

    /**
     * DELETE /api/people/{id}/roles/helper: the admin takes an abusive helper off. Their open claims
     * (not yet delivered) on needs of the admin's area are released at once, each with the usual
     * release audit line: a county wants the family's need back on the list now, not after the due
     * date, and refusing until released would leave the admin stuck behind the very helper being
     * removed. Delivered claims stay for confirmation (the help may have arrived); claims in other
     * areas stay with those areas' admins and the due-date sweep (counted in the answer). The role
     * goes first, so a retry (or a claim made meanwhile) is swept again.
     */
    private APIGatewayV2HTTPResponse removeHelper(Actor admin, Person target, Grant grant, PeopleStore people) {
        AreaCode own = Appointments.adminArea(admin);
        List<org.bangfu.store.Listings.ClaimSummary> claims = services.listings().claimsBy(target.id(), 200);
        boolean claimedHere = claims.stream().anyMatch(c -> c.area() != null && own.contains(c.area()));
        Appointments.checkRemoveHelper(admin, target, claimedHere);
        Instant now = services.lifecycle().now();
        if (grant == null) {
            if (people.helperRemovedAt(target.id()).isEmpty()) throw new DomainException.NotFound("此人没有该角色 (does not hold this role)");
        } else if (!people.removeHelper(target.id(), grant, admin.id(), own, now)) {
            throw new DomainException.Conflict("角色刚刚被他人修改 (changed by someone else just now)", null);
        }
        int released = 0;
        int elsewhere = 0;
        for (var c : claims) {
            if (c.claim().state() != ClaimState.ACTIVE) continue;
            if (c.area() == null || !own.contains(c.area())) {
                elsewhere++;
                continue;
            }
            Optional<Need> need = services.needs().need(c.claim().needId());
            Optional<Claim> claim = services.needs().claim(c.claim().needId(), c.claim().id());
            if (need.isEmpty() || claim.isEmpty() || claim.get().state() != ClaimState.ACTIVE) continue;
            try {
                services.needs().apply(services.lifecycle().release(need.get(), claim.get(), admin, RELEASE_REASON));
                released++;
            } catch (DomainException.Conflict | org.bangfu.store.StaleWrite e) {
                // moved on meanwhile (delivered or released by someone else): nothing to give back
            }
        }
        return Responses.json(200, view(people.get(target.id()).orElseThrow()).put("releasedClaims", released).put("openClaimsElsewhere", elsewhere));
    }

    private static final String RELEASE_REASON = "区域管理员撤销了该帮扶主体的资格 (the area admin removed this helper)";

    private ObjectNode view(Person p) {
        ObjectNode o = Json.object().put("id", p.id()).put("name", p.name()).put("phone", p.phone());
        ArrayNode roles = o.putArray("roles");
        p.grants().values().forEach(g -> roles.add(grant(g)));
        return o;
    }

    private ObjectNode grant(Grant g) {
        ObjectNode o = Json.object().put("role", g.role().group());
        if (g.area() != null) o.set("area", Views.area(g.area(), services.areas()));
        o.put("grantedBy", g.grantedBy()).put("grantedAt", g.grantedAt().toString());
        return o;
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        AreaCode county = new AreaCode(w.village.code().substring(0, 6) + "000000");
        Actor countyAdmin = new Actor("priming-county-admin", "预热管理员", Set.of(Role.ADMIN), county);
        return List.of(Priming.request("GET", "GET /api/people", "/api/people", null, null, null, countyAdmin));
    }
}
