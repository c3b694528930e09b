package org.bangfu.core;

import static org.bangfu.core.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Organisations, offers and proposals: who may do what, and that accepting is a claim with all its rules. */
class SupplyTest {
    private final Supply supply = new Supply(lifecycle());
    private final Actor company = helper("company-1");
    private final Actor countyAdmin = areaAdmin();

    private Organisation verifiedOrg() {
        Organisation o = supply.register(new OrganisationDraft("丹阳康复器材有限公司", OrganisationKind.COMPANY, DANYANG, "周经理",
                "13900002222", null), List.of(), company, "oaaaaaaaaaaaa").organisation();
        assertEquals(OrganisationState.PENDING, o.state());
        return supply.decide(o, countyAdmin, true, null);
    }

    private Offer wheelchairs(Organisation org, int quantity) {
        return supply.publish(new OfferDraft(OfferKind.GOODS, Category.DISABILITY, "轮椅", "可折叠轮椅，免费赠送给行动不便的困难群众。",
                quantity, "台", DANYANG, TODAY.plusDays(90), org == null ? null : org.id()), List.of(), company, org, true, "faaaaaaaaaaaa");
    }

    private Need disabilityNeed(int quantity) {
        Lifecycle l = lifecycle();
        Need n = l.post(draft().category(Category.DISABILITY).title("轮椅一台").quantity(quantity).unit("台").build(), poster(), "n-dis").need();
        n = l.review(n, council(), null, true, null).after();
        return l.review(n, volunteer(), null, true, null).after();
    }

    @Test
    void onlyAnAdminOfItsAreaVerifiesAndNeverTheRegistrant() {
        Organisation o = supply.register(new OrganisationDraft("云阳商会", OrganisationKind.CHAMBER, YUNYANG, "陈会长", "13900003333", "本地商会"),
                List.of(), company, "obbbbbbbbbbbb").organisation();
        Actor otherProvince = actor("admin-hn", new AreaCode("430225000000"), Role.ADMIN);
        assertThrows(DomainException.Forbidden.class, () -> supply.decide(o, otherProvince, true, null));
        assertThrows(DomainException.Forbidden.class, () -> supply.decide(o, actor("company-1", DANYANG, Role.ADMIN, Role.HELPER), true, null));
        assertThrows(DomainException.Invalid.class, () -> supply.decide(o, countyAdmin, false, " "));
        Organisation rejected = supply.decide(o, countyAdmin, false, "营业执照信息不符");
        assertEquals(OrganisationState.REJECTED, rejected.state());
        assertThrows(DomainException.Conflict.class, () -> supply.decide(rejected, countyAdmin, true, null));
        assertThrows(DomainException.Forbidden.class, () -> supply.register(new OrganisationDraft("x公司", OrganisationKind.COMPANY,
                YUNYANG, "陈会长", "13900003333", null), List.of(), poster(), "occcccccccccc"));
    }

    @Test
    void registrationListsEveryProblem() {
        var e = assertThrows(DomainException.Invalid.class, () -> supply.register(new OrganisationDraft("x", null,
                new AreaCode("110000000000"), "", "123", null), List.of(), company, "oaaaaaaaaaaaa"));
        assertEquals(List.of("name", "kind", "areaCode", "contact.name", "contact.phone"), fields(e.errors()));
    }

    @Test
    void onlyMembersOfAVerifiedOrganisationActForIt() {
        Organisation o = supply.register(new OrganisationDraft("丹阳康复器材有限公司", OrganisationKind.COMPANY, DANYANG, "周经理",
                "13900002222", null), List.of(), company, "oaaaaaaaaaaaa").organisation();
        assertThrows(DomainException.Conflict.class, () -> supply.onBehalf(o, company, true), "not verified yet");
        Organisation v = supply.decide(o, countyAdmin, true, null);
        assertThrows(DomainException.Forbidden.class, () -> supply.onBehalf(v, helper("stranger"), false));
        assertEquals(new ClaimOrigin(v.id(), v.name(), null), supply.onBehalf(v, company, true));
        Supply.Membership manager = new Supply.Membership(v.id(), company.id(), "周经理", company.id(), v.createdAt(), MemberRole.MANAGER);
        Supply.Membership plain = new Supply.Membership(v.id(), "p-3", "小李", company.id(), v.createdAt(), MemberRole.MEMBER);
        // Phones are looked up only for the manager, with valid input: anyone else learns nothing about a number.
        List<String> lookedUp = new java.util.ArrayList<>();
        java.util.function.Function<String, java.util.Optional<String>> phones = p -> {
            lookedUp.add(p);
            return p.equals("+8613900003333") ? java.util.Optional.of("p-2") : java.util.Optional.empty();
        };
        assertThrows(DomainException.Forbidden.class, () -> supply.addMember(v, helper("stranger"), null, "13900003333", null, "小周", phones));
        assertThrows(DomainException.Forbidden.class, () -> supply.addMember(v, helper("p-3"), plain, "13900003333", null, "小周", phones), "a plain member adds nobody");
        assertThrows(DomainException.Forbidden.class, () -> supply.addMember(v, helper("p-3"), manager, "13900003333", null, "小周", phones), "someone else's membership");
        var bad = assertThrows(DomainException.Invalid.class, () -> supply.addMember(v, company, manager, "12345", null, "", phones));
        assertEquals(List.of("phone", "name"), fields(bad.errors()));
        assertEquals(List.of(), lookedUp, "no lookup before the manager and the input are known good");
        var unknown = assertThrows(DomainException.NotFound.class, () -> supply.addMember(v, company, manager, "139 0000 4444", null, "小吴", phones));
        assertTrue(unknown.getMessage().contains("该手机号还没有登录过本平台"), unknown.getMessage());
        assertEquals("phone_not_registered", unknown.code());
        Supply.Membership added = supply.addMember(v, company, manager, "+86 139-0000-3333", null, " 小周 ", phones);
        assertEquals(List.of("+8613900004444", "+8613900003333"), lookedUp, "normalised as sign-in does");
        assertEquals("p-2", added.personId());
        assertEquals("小周", added.personName());
        assertEquals(MemberRole.MEMBER, added.role());
        assertEquals("139****3333", added.maskedPhone(), "kept masked, never whole");
        // The older body, by id: taken as before (no lookup, so no phone to show); both at once is refused.
        Supply.Membership byId = supply.addMember(v, company, manager, null, "p-5", "小赵", phones);
        assertEquals("p-5", byId.personId());
        assertEquals(null, byId.maskedPhone());
        var both = assertThrows(DomainException.Invalid.class, () -> supply.addMember(v, company, manager, "13900003333", "p-5", "小赵", phones));
        assertEquals(List.of("phone"), fields(both.errors()));
        assertThrows(DomainException.Invalid.class, () -> supply.addMember(v, company, manager, null, "p 5", "小赵", phones));
        assertEquals(2, lookedUp.size(), "no lookup for the id body nor for bad input");
    }

    @Test
    void anOfferFitsNeedsOfItsWindowInsideItsArea() {
        Offer offer = wheelchairs(verifiedOrg(), 20);
        Need need = disabilityNeed(1);
        assertTrue(offer.fits(need, TODAY));
        assertFalse(offer.fits(publishedNeed(1), TODAY), "a medical need does not fit a disability offer");
        assertEquals(OfferState.EXPIRED, offer.status(TODAY.plusDays(91)));
        assertFalse(offer.isListed(TODAY.plusDays(91)));
        var e = assertThrows(DomainException.Invalid.class, () -> supply.publish(new OfferDraft(null, null, "", "短", 0, "",
                null, TODAY.minusDays(1), "bad"), List.of(), company, null, false, "faaaaaaaaaaaa"));
        assertEquals(List.of("kind", "category", "title", "description", "quantity", "unit", "areaCode", "until", "organisationId"), fields(e.errors()));
    }

    @Test
    void proposeThenAcceptIsAClaimForTheOrganisationThatTakesFromTheOffer() {
        Organisation org = verifiedOrg();
        Offer offer = wheelchairs(org, 20);
        Need need = disabilityNeed(2);
        assertThrows(DomainException.Forbidden.class, () -> supply.propose(offer, need, council(), null, "paaaaaaaaaaaa"));
        Proposal p = supply.propose(offer, need, poster(), null, "paaaaaaaaaaaa");
        assertEquals(2, p.quantity());
        assertThrows(DomainException.Forbidden.class,
                () -> supply.accept(p, offer, need, helper("stranger"), false, HelperRecord.NEW, "caaaaaaaaaaaa"));
        Supply.Acceptance a = supply.accept(p, offer, need, company, true, HelperRecord.NEW, "caaaaaaaaaaaa");
        assertEquals(18, a.offerAfter().remaining());
        assertEquals(ProposalState.ACCEPTED, a.proposalAfter().state());
        assertEquals("caaaaaaaaaaaa", a.proposalAfter().claimId());
        assertEquals(new ClaimOrigin(org.id(), org.name(), offer.id()), a.claim().claim().origin());
        assertEquals(NeedState.CLAIMED, a.claim().after().state());
        assertThrows(DomainException.Conflict.class,
                () -> supply.accept(a.proposalAfter(), a.offerAfter(), a.claim().after(), company, true, HelperRecord.NEW, "cbbbbbbbbbbbb"));
    }

    @Test
    void acceptingKeepsEveryClaimRule() {
        Offer offer = wheelchairs(verifiedOrg(), 1);
        Need need = disabilityNeed(1);
        Proposal p = supply.propose(offer, need, poster(), null, "paaaaaaaaaaaa");
        Actor notAHelper = actor("company-1", DANYANG, Role.POSTER);
        assertThrows(DomainException.Forbidden.class, () -> supply.accept(p, offer, need, notAHelper, true, HelperRecord.NEW, "caaaaaaaaaaaa"));
        assertThrows(DomainException.Conflict.class, () -> supply.accept(p, offer, need, company, true, new HelperRecord(3, 0, 1, java.util.List.of(), null, 0), "caaaaaaaaaaaa"),
                "the open-claim cap holds");
        Offer usedUp = supply.accept(supply.propose(offer, need, poster(), null, "pbbbbbbbbbbbb"), offer, need, company, true,
                HelperRecord.NEW, "caaaaaaaaaaaa").offerAfter();
        assertEquals(OfferState.USED_UP, usedUp.status(TODAY));
        assertThrows(DomainException.Conflict.class, () -> supply.accept(p, usedUp, need, company, true, HelperRecord.NEW, "cbbbbbbbbbbbb"));
    }

    @Test
    void aNeedWaitingForReviewCanBeProposedButNotYetAccepted() {
        Offer offer = wheelchairs(null, 5);
        Need pending = lifecycle().post(draft().category(Category.DISABILITY).build(), poster(), "n-p").need();
        Proposal p = supply.propose(offer, pending, poster(), 1, "paaaaaaaaaaaa");
        assertThrows(DomainException.Conflict.class, () -> supply.accept(p, offer, pending, company, false, HelperRecord.NEW, "caaaaaaaaaaaa"));
        assertThrows(DomainException.Conflict.class, () -> supply.propose(offer, pending, poster(), 6, "pbbbbbbbbbbbb"));
        Proposal declined = supply.decline(p, offer, company, false, "本月已送完");
        assertEquals(ProposalState.DECLINED, declined.state());
        assertEquals("本月已送完", declined.reason());
    }
    @Test
    void movingAnOfferDeclinesOnlyWhatNoLongerFitsAndALeftoverProposalCannotBeAccepted() {
        Offer offer = wheelchairs(verifiedOrg(), 20);
        Need need = disabilityNeed(1);
        Proposal p = supply.propose(offer, need, poster(), 1, "paaaaaaaaaaaa");
        Supply.Edit retitled = supply.edit(offer, new OfferEdit(offer.version(), null, null, "可折叠轮椅", null, null, null, null, null),
                List.of(), List.of(p), company, true);
        assertTrue(retitled.declined().isEmpty(), "still fits: stays waiting");

        Supply.Edit moved = supply.edit(offer, new OfferEdit(offer.version(), null, Category.EDUCATION, null, null, null, null, null, null),
                List.of(), List.of(p), company, true);
        assertEquals(List.of(p.id()), moved.declined().stream().map(Proposal::id).toList());
        assertEquals(ProposalState.DECLINED, moved.declined().get(0).state());
        // One that slipped in between the edit's read and its write is still waiting: the sweep finds it, and accepting it is refused.
        assertEquals(1, supply.misfits(moved.after(), List.of(p), company).size());
        var refused = assertThrows(DomainException.Conflict.class,
                () -> supply.accept(p, moved.after(), need, company, true, HelperRecord.NEW, "caaaaaaaaaaaa"));
        assertEquals("offer_does_not_fit", refused.code());
        assertEquals("offer_does_not_fit", assertThrows(DomainException.Conflict.class,
                () -> supply.propose(moved.after(), need, poster(), 1, "pbbbbbbbbbbbb")).code());
    }

    /** Only the manager hands over, to another current member; the manager is told apart by role, not by who registered. */
    @Test
    void onlyTheManagerHandsOverToAnotherMember() {
        Organisation o = verifiedOrg();
        Supply.Membership manager = new Supply.Membership(o.id(), company.id(), "周经理", company.id(), o.createdAt(), MemberRole.MANAGER);
        Supply.Membership plain = new Supply.Membership(o.id(), "p-3", "小李", company.id(), o.createdAt(), MemberRole.MEMBER);
        Supply.HandOver h = supply.handOver(company, manager, "p-3", plain);
        assertEquals(manager, h.from());
        assertEquals(plain, h.to());
        assertThrows(DomainException.Forbidden.class, () -> supply.handOver(helper("p-3"), plain, company.id(), manager), "a plain member");
        assertThrows(DomainException.Forbidden.class, () -> supply.handOver(helper("stranger"), null, "p-3", plain), "not a member");
        assertThrows(DomainException.Forbidden.class, () -> supply.handOver(helper("p-3"), manager, "p-3", plain), "someone else's membership");
        var self = assertThrows(DomainException.Invalid.class, () -> supply.handOver(company, manager, company.id(), manager));
        assertEquals(List.of("personId"), fields(self.errors()));
        assertThrows(DomainException.NotFound.class, () -> supply.handOver(company, manager, "p-9", null));
        Supply.Membership other = new Supply.Membership(o.id(), "p-4", "小王", company.id(), o.createdAt(), MemberRole.MANAGER);
        assertEquals("already_manager", assertThrows(DomainException.Conflict.class, () -> supply.handOver(company, manager, "p-4", other)).code());
    }
}
