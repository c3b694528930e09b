package org.bangfu.fn.registerorganisation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Ids;
import org.bangfu.core.OrganisationDraft;
import org.bangfu.core.OrganisationKind;
import org.bangfu.core.Supply;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyViews;
import org.bangfu.store.SupplyRepository.OrganisationView;

/**
 * POST /api/organisations {name, kind, areaCode, contact {name, phone}, about?}: a helper registers an
 * organisation of the alliance; it waits for an admin of its area. The registrant is its first member.
 */
public final class RegisterOrganisationHandler extends HttpHandler {
    public RegisterOrganisationHandler() {
        this(Services.live());
    }

    public RegisterOrganisationHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor helper = request.actor();
        Body body = request.body().only(Set.of("name", "kind", "areaCode", "contact", "about"));
        String kindText = body.text("kind");
        OrganisationKind kind = OrganisationKind.parse(kindText).orElse(null);
        if (kindText != null && kind == null) body.error("kind", "未知类型 (unknown kind)");
        String areaText = body.text("areaCode");
        AreaCode area = AreaCode.parse(areaText).orElse(null);
        if (areaText != null && area == null) body.error("areaCode", "须为12位行政区划代码 (12-digit area code)");
        Body contact = body.object("contact").only(Set.of("name", "phone"));
        OrganisationDraft draft = new OrganisationDraft(body.text("name"), kind, area, contact.text("name"), contact.text("phone"),
                body.text("about"));
        // With an Idempotency-Key the id comes from the key: a retry whose first answer was lost finds the registration made.
        java.util.Optional<String> seed = request.idempotencySeed();
        String id = seed.map(Ids::organisationFrom).orElseGet(Ids::organisation);
        var registered = seed.flatMap(k -> services.supply().organisation(id))
                .filter(v -> v.organisation().registeredBy().equals(helper.id()));
        if (registered.isPresent()) {
            return Responses.json(201, SupplyViews.organisationForInsiders(registered.get(), services.areas()),
                    Map.of("location", "/api/organisations/" + id));
        }
        Supply.Registration r = services.supplyRules().register(draft, body.errors(), helper, id);
        services.supply().register(r);
        return Responses.json(201, SupplyViews.organisationForInsiders(new OrganisationView(r.organisation(), 0, 0, 0), services.areas()),
                Map.of("location", "/api/organisations/" + r.organisation().id()));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String body = "{\"name\":\"预热单位\",\"kind\":\"COMPANY\",\"areaCode\":\"" + w.village.code()
                + "\",\"contact\":{\"name\":\"预热联系人\",\"phone\":\"13900000000\"}}";
        return List.of(Priming.request("POST", "POST /api/organisations", "/api/organisations", null, null, body, w.helper));
    }
}
