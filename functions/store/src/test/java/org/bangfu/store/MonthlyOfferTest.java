package org.bangfu.store;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Category;
import org.bangfu.core.Claim;
import org.bangfu.core.DomainException;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.Offer;
import org.bangfu.core.OfferCapacity;
import org.bangfu.core.OfferDraft;
import org.bangfu.core.OfferKind;
import org.bangfu.core.OfferState;
import org.bangfu.core.Organisation;
import org.bangfu.core.OrganisationDraft;
import org.bangfu.core.OrganisationKind;
import org.bangfu.core.Proposal;
import org.bangfu.core.Role;
import org.bangfu.core.Supply;
import org.junit.jupiter.api.Test;

/**
 * An offer with a capacity per month (5 home visits a month) on DynamoDB Local, with the clock moved
 * across a month's end: full this month but still listed for the next, a new month starts full
 * exactly once however many accept at its start, and a give-back returns units only to their month.
 */
class MonthlyOfferTest {
    private final StoreFixture f = new StoreFixture();
    private final SupplyRepository supplyStore = new SupplyRepository(f.db, f.table, f.repo);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock = new Clock() {
        public ZoneId getZone() {
            return Lifecycle.ZONE;
        }

        public Clock withZone(ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now.get();
        }
    };
    private final Lifecycle life = new Lifecycle(clock, AreaRegistry.bundled());
    private final Supply supply = new Supply(life);
    private final Actor offerer = new Actor("offerer", "周经理", Set.of(Role.HELPER), null);
    private final Actor admin = new Actor("admin", "丹阳市民政局", Set.of(Role.ADMIN), new AreaCode("321181000000"));
    private Organisation org;

    @Test
    void aMonthlyOfferIsFullForTheMonthOpensAgainOnTheFirstAndNeverGivesTwoMonthsAtOnce() {
        LocalDate nextMonth = YearMonth.from(life.today()).plusMonths(1).atDay(1);
        // A verified company whose members answer for it (four of them, so no one reaches the claim cap).
        Supply.Registration r = supply.register(new OrganisationDraft("丹阳安居维修公司", OrganisationKind.COMPANY, new AreaCode("321181000000"),
                "周经理", "13900002222", null), List.of(), offerer, Ids.organisation());
        supplyStore.register(r);
        org = supply.decide(r.organisation(), admin, true, null);
        supplyStore.decide(r.organisation(), org);
        for (String h : List.of("h1", "h2", "h3", "h4")) supplyStore.addMember(supply.addMember(org, offerer, r.firstMember(), null, h, "成员" + h, phone -> java.util.Optional.empty()), org);
        Offer offer = supply.publish(new OfferDraft(OfferKind.SERVICE, Category.HOME_IMPROVEMENT, "上门维修", "每月为困难家庭上门维修两次，免费。",
                2, OfferCapacity.MONTHLY, "次", new AreaCode("321181000000"), nextMonth.plusDays(20), org.id()), List.of(), offerer, org, true,
                Ids.offer());
        supplyStore.publish(offer);

        // This month: two acceptances use it up; it stays on the list for next month but not for today.
        Claim first = accept(offer.id(), need(nextMonth), "h1");
        accept(offer.id(), need(nextMonth), "h2");
        Offer full = supplyStore.offer(offer.id()).orElseThrow();
        assertEquals(OfferState.FULL_THIS_MONTH, full.status(life.today()));
        assertEquals(0, full.remainingOn(life.today()));
        assertFalse(listed(offer.id(), life.today()), "not listed while full this month");
        assertTrue(listed(offer.id(), nextMonth), "listed for next month");
        Need third = need(nextMonth);
        assertThrows(DomainException.Conflict.class, () -> supply.propose(full, third, f.poster, null, Ids.proposal()));

        // The 1st of next month: full again; two acceptances decided on the same read of last month's
        // offer: one starts the month, the other must re-read (it would otherwise reset the count again).
        now.set(nextMonth.atTime(9, 0).atZone(Lifecycle.ZONE).toInstant());
        assertTrue(listed(offer.id(), life.today()));
        Offer read = supplyStore.offer(offer.id()).orElseThrow();
        assertEquals(2, read.remainingOn(life.today()));
        Need a = need(nextMonth);
        Need b = need(nextMonth);
        Proposal pa = propose(read, a);
        Proposal pb = propose(read, b);
        Supply.Acceptance winner = supply.accept(pa, read, a, helper("h3"), true, f.repo.helperRecord("h3"), Ids.claim());
        Supply.Acceptance stale = supply.accept(pb, read, b, helper("h4"), true, f.repo.helperRecord("h4"), Ids.claim());
        supplyStore.accept(winner);
        assertThrows(StaleWrite.class, () -> supplyStore.accept(stale));
        assertEquals(1, supplyStore.offer(offer.id()).orElseThrow().remainingOn(life.today()), "the month started once");
        Offer fresh = supplyStore.offer(offer.id()).orElseThrow();
        supplyStore.accept(supply.accept(pb, fresh, f.repo.need(b.id()).orElseThrow(), helper("h4"), true, f.repo.helperRecord("h4"), Ids.claim()));
        assertEquals(0, supplyStore.offer(offer.id()).orElseThrow().remainingOn(life.today()));

        // Last month's claim given back now: its unit belonged to last month, this month stays as it is.
        release(first, "h1");
        assertEquals(0, supplyStore.offer(offer.id()).orElseThrow().remainingOn(life.today()));
        // This month's claim given back: its unit returns to this month.
        release(winner.claim().claim(), "h3");
        assertEquals(1, supplyStore.offer(offer.id()).orElseThrow().remainingOn(life.today()));
    }

    private Actor helper(String id) {
        return new Actor(id, "帮扶人" + id, Set.of(Role.HELPER), null);
    }

    private Need need(LocalDate deadlineAfter) {
        Lifecycle.Posting p = life.post(StoreFixture.draft(StoreFixture.VILLAGE, Category.HOME_IMPROVEMENT, 1, StoreFixture.idNumber(),
                deadlineAfter.plusDays(10)), f.poster, Ids.need());
        f.repo.create(p);
        Need n = p.need();
        f.repo.apply(life.review(n, f.council, Role.COUNCIL, true, null));
        f.repo.apply(life.review(f.repo.need(n.id()).orElseThrow(), f.volunteer, Role.VOLUNTEER, true, null));
        return f.repo.need(n.id()).orElseThrow();
    }

    private Proposal propose(Offer offer, Need need) {
        Proposal p = supply.propose(offer, need, f.poster, 1, Ids.proposal());
        supplyStore.propose(p, offer);
        return p;
    }

    private Claim accept(String offerId, Need need, String helperId) {
        Offer offer = supplyStore.offer(offerId).orElseThrow();
        Proposal p = propose(offer, need);
        Supply.Acceptance a = supply.accept(p, offer, need, helper(helperId), true, f.repo.helperRecord(helperId), Ids.claim());
        supplyStore.accept(a);
        return a.claim().claim();
    }

    private void release(Claim claim, String helperId) {
        Need n = f.repo.need(claim.needId()).orElseThrow();
        f.repo.apply(life.release(n, f.repo.claim(claim.needId(), claim.id()).orElseThrow(), helper(helperId), "家里有事"));
    }

    private boolean listed(String offerId, LocalDate day) {
        return supplyStore.listOffers(Category.HOME_IMPROVEMENT, null, null, 50, day).items().stream().anyMatch(o -> o.id().equals(offerId));
    }
}
