package org.bangfu.fn.postneed;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Views;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.DomainException;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedDraft;
import org.bangfu.store.Retry;

/**
 * POST /api/needs: a poster publishes a household's need for review. PUT /api/needs/{id} (the same
 * body): the poster corrects a need waiting for review, or resubmits a rejected one; both reviews start over.
 */
public final class PostNeedHandler extends HttpHandler {
    private static final Set<String> FIELDS = Set.of("category", "title", "description", "quantity", "unit", "valueYuan",
            "deadline", "areaCode", "household", "contact");

    public PostNeedHandler() {
        this(Services.live());
    }

    public PostNeedHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        if (request.pathParam("id").isPresent()) return amend(request);
        Actor poster = request.actor();
        Body body = request.body();
        NeedDraft draft = parse(body);
        // With an Idempotency-Key the need's id comes from the key: a retry whose first attempt's
        // answer was lost finds its need already posted and answers with it, instead of posting twice.
        java.util.Optional<String> seed = request.idempotencySeed();
        if (seed.isPresent()) {
            var done = services.needs().need(Ids.needFrom(seed.get())).filter(n -> n.posterId().equals(poster.id()));
            if (done.isPresent()) {
                return Responses.json(201, services.disclosure().need(poster, done.get(), null, "post-replay"),
                        Map.of("location", "/api/needs/" + done.get().id()));
            }
        }
        Lifecycle.Posting posting = Retry.onStale(() -> {
            // The family's register entry, if posted before: the new need gets its own reviewed copy of
            // the household, and the audit line says which details differ from the register.
            var registered = draft.householdIdNumber() == null || org.bangfu.core.ChineseIdNumber.problem(draft.householdIdNumber()) != null ? null
                    : services.needs().household(org.bangfu.core.Household.idFor(draft.householdIdNumber())).orElse(null);
            Lifecycle.Posting p = services.lifecycle().post(draft, body.errors(), poster, seed.map(Ids::needFrom).orElseGet(Ids::need),
                    registered);
            services.needs().create(p);
            return p;
        });
        return Responses.json(201, services.disclosure().posting(posting, poster),
                Map.of("location", "/api/needs/" + posting.need().id()));
    }

    private APIGatewayV2HTTPResponse amend(ApiRequest request) {
        Actor poster = request.actor();
        String id = request.needId();
        Body body = request.body();
        NeedDraft sent = parse(body);
        Lifecycle.Amendment amendment = Retry.onStale(() -> {
            Need need = services.needs().need(id).filter(n -> n.posterId().equals(poster.id()))
                    .orElseThrow(() -> new DomainException.NotFound("没有这个需求 (no such need)"));
            NeedDraft draft = sent.keepingIdNumber(services.needs().householdOf(need).map(org.bangfu.core.Household::idNumber).orElse(null));
            var registered = draft.householdIdNumber() == null || org.bangfu.core.ChineseIdNumber.problem(draft.householdIdNumber()) != null ? null
                    : services.needs().household(org.bangfu.core.Household.idFor(draft.householdIdNumber())).orElse(null);
            Lifecycle.Amendment a = services.lifecycle().amend(need, draft, body.errors(), poster, registered);
            services.needs().amend(a);
            return a;
        });
        return Responses.json(200, services.disclosure().amendment(amendment, poster));
    }

    static NeedDraft parse(Body body) {
        body.only(FIELDS);
        String categoryText = body.text("category");
        Category category = Category.parse(categoryText).orElse(null);
        if (categoryText != null && category == null) body.error("category", "unknown_category", "未知类别 (unknown category)");
        String areaText = body.text("areaCode");
        AreaCode area = AreaCode.parse(areaText).orElse(null);
        if (areaText != null && area == null) body.error("areaCode", "format", "须为12位行政区划代码 (12-digit area code)");
        Body household = body.object("household").only(Set.of("name", "idNumber", "phone", "address"));
        Body contact = body.object("contact").only(Set.of("name", "phone"));
        NeedDraft draft = new NeedDraft(category, body.text("title"), body.text("description"), body.integer("quantity"),
                body.text("unit"), body.integer("valueYuan"), body.date("deadline"), area,
                household.text("name"), household.text("idNumber"), household.text("phone"), household.text("address"),
                contact.text("name"), contact.text("phone"));
        // Wrong types stay in body.errors(); the lifecycle reports them with every rule broken.
        return draft;
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String idNumber = org.bangfu.core.ChineseIdNumber.withCheck(w.village.code().substring(0, 6) + "19600101001");
        String body = "{\"category\":\"MEDICAL\",\"title\":\"预热需求\",\"description\":\"这是一条只在内存中存在的预热需求。\","
                + "\"quantity\":1,\"unit\":\"件\",\"valueYuan\":500,\"deadline\":\"" + services.lifecycle().today().plusDays(30) + "\","
                + "\"areaCode\":\"" + w.village.code() + "\",\"household\":{\"name\":\"预热户\",\"idNumber\":\"" + idNumber
                + "\",\"phone\":\"13800000000\",\"address\":\"预热村1组1号\"},\"contact\":{\"name\":\"预热联系人\",\"phone\":\"13900000000\"}}";
        String id = w.pending.id();
        // The pending need's own household (see Priming.World), so the edit keeps its lock.
        String pendingIdNumber = org.bangfu.core.ChineseIdNumber.withCheck(w.village.code().substring(0, 6) + "19500101000");
        return List.of(Priming.request("POST", "POST /api/needs", "/api/needs", null, null, body, w.poster),
                Priming.request("PUT", "PUT /api/needs/{id}", "/api/needs/" + id, Map.of("id", id), null,
                        body.replace(idNumber, pendingIdNumber), w.poster));
    }
}
