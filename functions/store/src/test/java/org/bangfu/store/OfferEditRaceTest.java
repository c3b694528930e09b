package org.bangfu.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.DomainException;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedState;
import org.bangfu.core.Offer;
import org.bangfu.core.OfferDraft;
import org.bangfu.core.OfferEdit;
import org.bangfu.core.OfferKind;
import org.bangfu.core.Proposal;
import org.bangfu.core.ProposalState;
import org.bangfu.core.Role;
import org.bangfu.core.Supply;
import org.junit.jupiter.api.Test;

/**
 * An offer's window moved while a proposal is being made, on DynamoDB Local, with the two
 * interleaved by hand at the worst moments: nothing decided on the old window may land on the new
 * one (no claim of a disability need through an education offer), and nothing is left waiting.
 */
class OfferEditRaceTest {
    private final StoreFixture f = new StoreFixture();
    private final SupplyRepository supplyStore = new SupplyRepository(f.db, f.table, f.repo);
    private final Supply supply = new Supply(f.life);
    private final Actor offerer = new Actor("offerer", "周先生", Set.of(Role.HELPER), null);

    @Test
    void aProposalDecidedOnTheOldWindowDoesNotLandOnTheNewOne() {
        Offer read = offer();
        Need need = need();
        Proposal decided = supply.propose(read, need, f.poster, 1, Ids.proposal());
        supplyStore.edit(supply.edit(read, toEducation(read), List.of(), supplyStore.proposalsFor(read.id()), offerer, false));

        assertThrows(StaleWrite.class, () -> supplyStore.propose(decided, read));
        assertTrue(supplyStore.proposalsFor(read.id()).isEmpty());
        Offer now = supplyStore.offer(read.id()).orElseThrow();
        assertEquals("offer_does_not_fit",
                assertThrows(DomainException.Conflict.class, () -> supply.propose(now, need, f.poster, 1, Ids.proposal())).code(), "the retry");
    }

    @Test
    void aProposalThatLandedDuringTheEditIsNeitherAcceptedNorLeftWaiting() {
        Offer read = offer();
        Need need = need();
        Supply.Edit edit = supply.edit(read, toEducation(read), List.of(), supplyStore.proposalsFor(read.id()), offerer, false);
        Proposal p = supply.propose(read, need, f.poster, 1, Ids.proposal());
        supplyStore.propose(p, read); // after the edit's read of the proposals, before its write
        supplyStore.edit(edit);
        assertTrue(edit.declined().isEmpty(), "the edit never saw it");

        // The offerer accepts on a page read before the edit: the write refuses, the re-read says why.
        Supply.Acceptance stale = supply.accept(p, read, need, offerer, false, f.repo.helperRecord("offerer"), Ids.claim());
        assertThrows(StaleWrite.class, () -> supplyStore.accept(stale));
        assertEquals(NeedState.PUBLISHED, f.repo.need(need.id()).orElseThrow().state(), "no claim through an education offer");
        Offer moved = supplyStore.offer(read.id()).orElseThrow();
        assertEquals(moved.quantity(), moved.remaining());
        assertEquals("offer_does_not_fit", assertThrows(DomainException.Conflict.class,
                () -> supply.accept(p, moved, need, offerer, false, f.repo.helperRecord("offerer"), Ids.claim())).code());

        // The edit's sweep (a consistent re-read after its write) declines it.
        assertEquals(1, supplyStore.declineEach(supply.misfits(moved, supplyStore.proposalsFor(read.id()), offerer)));
        Proposal after = supplyStore.proposal(read.id(), p.id()).orElseThrow();
        assertEquals(ProposalState.DECLINED, after.state());
        assertTrue(after.reason().contains("窗口或范围"), after.reason());
    }

    private Offer offer() {
        Offer o = supply.publish(new OfferDraft(OfferKind.GOODS, Category.DISABILITY, "轮椅", "可折叠轮椅，免费赠送给行动不便的困难群众。", 5, "台",
                new AreaCode("321181000000"), f.life.today().plusDays(60), null), List.of(), offerer, null, false, Ids.offer());
        supplyStore.publish(o);
        return supplyStore.offer(o.id()).orElseThrow();
    }

    private static OfferEdit toEducation(Offer o) {
        return new OfferEdit(o.version(), null, Category.EDUCATION, null, null, null, null, null, null);
    }

    private Need need() {
        Lifecycle.Posting p = f.life.post(StoreFixture.draft(StoreFixture.VILLAGE, Category.DISABILITY, 1, StoreFixture.idNumber(),
                f.life.today().plusDays(30)), f.poster, Ids.need());
        f.repo.create(p);
        f.repo.apply(f.life.review(p.need(), f.council, Role.COUNCIL, true, null));
        f.repo.apply(f.life.review(f.repo.need(p.need().id()).orElseThrow(), f.volunteer, Role.VOLUNTEER, true, null));
        return f.repo.need(p.need().id()).orElseThrow();
    }
}
