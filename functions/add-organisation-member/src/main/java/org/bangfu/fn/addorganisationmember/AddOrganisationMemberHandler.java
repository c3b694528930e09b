package org.bangfu.fn.addorganisationmember;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.Supply;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyLookups;
import org.bangfu.store.SupplyRepository.OrganisationView;

/**
 * POST /api/organisations/{id}/members {phone, name}: the organisation's manager adds a person, named
 * by the phone they sign in with, who may then claim and publish offers for it. 403 for anyone else
 * (before the phone is looked up); 400 for a bad phone or name; 404 phone_not_registered if nobody has
 * signed in with that phone; 409 already_member. The answer carries the id, the name the manager typed
 * and the phone masked (138****5678), never the whole number. {personId, name}, the older body, is still taken.
 */
public final class AddOrganisationMemberHandler extends HttpHandler {
    public AddOrganisationMemberHandler() {
        this(Services.live());
    }

    public AddOrganisationMemberHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor by = request.actor();
        String id = SupplyLookups.pathId(request, "id", 'o', "没有这个单位 (no such organisation)");
        Body body = request.body().only(Set.of("phone", "personId", "name"));
        String phone = body.text("phone");
        String personId = body.text("personId");
        String name = body.text("name");
        body.done();
        OrganisationView v = SupplyLookups.organisation(services, id);
        Supply.Membership m = services.supplyRules().addMember(v.organisation(), by, services.supply().membership(v.organisation(), by.id()).orElse(null),
                phone, personId, name, services.people()::personIdByPhone);
        try {
            services.supply().addMember(m, v.organisation());
        } catch (org.bangfu.store.StaleWrite e) {
            // Already a member, or the adder is no longer its manager: read again to say which.
            if (!services.supply().membership(v.organisation(), by.id()).map(Supply.Membership::manages).orElse(false)) {
                throw new org.bangfu.core.DomainException.Forbidden("只有本单位的管理人可以添加成员 (only the organisation's manager adds members)");
            }
            throw new org.bangfu.core.DomainException.Conflict("already_member", "已是该单位成员 (already a member)", null);
        }
        var answer = Json.object().put("organisationId", id).put("personId", m.personId()).put("name", m.personName());
        if (m.maskedPhone() != null) answer.put("maskedPhone", m.maskedPhone());
        return Responses.json(201, answer);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        SupplyLookups.World s = SupplyLookups.World.in(w);
        String id = s.organisation().id();
        w.table.item(org.bangfu.store.PeopleStore.phoneItem("+8613900000001", "priming-colleague"));
        return List.of(Priming.request("POST", "POST /api/organisations/{id}/members", "/api/organisations/" + id + "/members",
                Map.of("id", id), null, "{\"phone\":\"+8613900000001\",\"name\":\"预热成员\"}", w.helper));
    }
}
