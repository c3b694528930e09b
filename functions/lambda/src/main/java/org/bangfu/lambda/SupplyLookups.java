package org.bangfu.lambda;

import java.time.Clock;
import java.util.List;
import org.bangfu.core.Category;
import org.bangfu.core.DomainException;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.Offer;
import org.bangfu.core.OfferDraft;
import org.bangfu.core.OfferKind;
import org.bangfu.core.Organisation;
import org.bangfu.core.OrganisationDraft;
import org.bangfu.core.OrganisationKind;
import org.bangfu.core.Proposal;
import org.bangfu.core.Supply;
import org.bangfu.store.SupplyRepository;
import org.bangfu.store.SupplyRepository.OrganisationView;

/** Reads the supply functions share, with the 404s they imply, and their priming world. */
public final class SupplyLookups {
    private SupplyLookups() {
    }

    /** A path id of one kind ('o' organisation, 'f' offer, 'p' proposal): an id we never issued is not found. */
    public static String pathId(ApiRequest request, String name, char kind, String notFound) {
        String id = request.pathParam(name).orElse(null);
        if (!Ids.looksValid(id, kind)) throw new DomainException.NotFound(notFound);
        return id;
    }

    /** The {personId} of a member route; anything that cannot be a person's id is simply no member (404). */
    public static String memberId(ApiRequest request) {
        return request.pathParam("personId").filter(p -> p.length() <= 128 && p.matches("[A-Za-z0-9_.:@\\-]+"))
                .orElseThrow(() -> new DomainException.NotFound("不是该单位成员 (not a member of this organisation)"));
    }

    public static OrganisationView organisation(Services s, String id) {
        return s.supply().organisation(id).orElseThrow(() -> new DomainException.NotFound("没有这个单位 (no such organisation)"));
    }

    public static Offer offer(Services s, String id) {
        return s.supply().offer(id).orElseThrow(() -> new DomainException.NotFound("没有这个供给 (no such offer)"));
    }

    public static Proposal proposal(Services s, String offerId, String id) {
        return s.supply().proposal(offerId, id).orElseThrow(() -> new DomainException.NotFound("没有这个对接 (no such proposal)"));
    }

    /** For priming: a verified organisation whose member is the world's helper, its offer fitting the world's needs, a proposal. */
    public record World(Organisation organisation, Offer offer, Proposal proposal) {
        public static World in(Priming.World w) {
            Supply supply = new Supply(new Lifecycle(Clock.systemUTC(), w.services.areas(), w.services.lifecycle().rules()));
            Organisation o = supply.register(new OrganisationDraft("预热单位", OrganisationKind.COMPANY, w.village, "预热联系人",
                    "13900000000", null), List.of(), w.helper, Ids.organisation()).organisation();
            o = supply.decide(o, w.admin, true, null);
            Need need = w.published;
            Offer offer = supply.publish(new OfferDraft(OfferKind.GOODS, need.category(), "预热供给", "这是一条只在内存中存在的预热供给。", 5,
                    "件", w.village, supply.lifecycle().today().plusDays(30), o.id()), List.of(), w.helper, o, true, Ids.offer());
            Proposal p = supply.propose(offer, need, w.poster, 1, Ids.proposal());
            SupplyRepository.cannedItems(o, w.helper.id(), offer, p).forEach(w.table::item);
            return new World(o, offer, p);
        }
    }

}
