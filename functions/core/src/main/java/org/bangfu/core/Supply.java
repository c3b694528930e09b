package org.bangfu.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of the supply side (Zhuzhou's alliance): organisations registered by helpers and verified
 * by an admin of their area, offers published by helpers or for an organisation, and proposals that
 * match a need to an offer. Accepting a proposal is a claim, decided by {@link Lifecycle#claim} with
 * all its rules. As with needs, each method decides and returns what to write; the repository writes
 * it only if nothing changed meanwhile.
 */
public final class Supply {
    private final Lifecycle lifecycle;

    public Supply(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    // ---- organisations ------------------------------------------------------------------

    /** A helper registers an organisation; it waits for an admin of its area. The registrant is its first member. */
    public Registration register(OrganisationDraft d, List<FieldError> parseErrors, Actor helper, String id) {
        if (!helper.has(Role.HELPER)) throw new DomainException.Forbidden("只有帮扶主体可以登记单位 (only helpers register organisations)");
        throw400(parseErrors, d.problems(lifecycle.areas()));
        Instant now = lifecycle.now();
        Organisation o = new Organisation(id, d.name().strip(), d.kind(), d.area(), new Contact(d.contactName().strip(), d.contactPhone()),
                d.about() == null || d.about().isBlank() ? null : d.about().strip(), helper.id(), now, OrganisationState.PENDING,
                null, null, null, 1);
        return new Registration(o, new Membership(id, helper.id(), helper.displayName(), helper.id(), now, MemberRole.MANAGER));
    }

    public record Registration(Organisation organisation, Membership firstMember) {
    }

    /**
     * A person acting for an organisation: added by its manager. {@code maskedPhone}: 138****5678 of the
     * phone they were added by (null when added otherwise); the whole number is never kept here.
     */
    public record Membership(String organisationId, String personId, String personName, String addedBy, Instant at, MemberRole role,
                             String maskedPhone) {
        public Membership(String organisationId, String personId, String personName, String addedBy, Instant at, MemberRole role) {
            this(organisationId, personId, personName, addedBy, at, role, null);
        }

        public boolean manages() {
            return role == MemberRole.MANAGER;
        }
    }

    /** An admin of the organisation's area verifies it (联盟成员单位) or turns it down with a reason. */
    public Organisation decide(Organisation o, Actor admin, boolean approve, String reason) {
        if (!admin.actsFor(Role.ADMIN, o.area())) {
            throw new DomainException.Forbidden("只有该单位所在辖区的管理员可以审核 (only an admin of its area)");
        }
        if (admin.id().equals(o.registeredBy())) throw new DomainException.Forbidden("不能审核自己登记的单位 (you registered it)");
        if (o.state() != OrganisationState.PENDING) {
            throw new DomainException.Conflict("该单位已审核过 (already " + o.state() + ")", null);
        }
        String why = reason(reason, !approve);
        return o.decided(approve ? OrganisationState.VERIFIED : OrganisationState.REJECTED, admin.id(), why, lifecycle.now());
    }

    /**
     * Its manager adds a person who may then act for the organisation ({@code by}: the adder's
     * membership as read, null when none). Only the manager: a member acts for it, the manager
     * answers for who does; the write restates it. The person is named by the phone they sign in
     * with (a manager knows colleagues' numbers, not our ids), looked up through {@code personByPhone}
     * only once the adder is known to be the manager and the input is valid, so nobody else can use
     * this to learn whether a number has an account. {@code personId} instead of a phone: the older
     * body, still taken (no lookup; the membership then has no masked phone).
     */
    public Membership addMember(Organisation o, Actor actor, Membership by, String phone, String personId, String personName,
                                Function<String, Optional<String>> personByPhone) {
        if (by == null || !by.manages() || !by.personId().equals(actor.id())) {
            throw new DomainException.Forbidden("只有本单位的管理人可以添加成员 (only the organisation's manager adds members)");
        }
        List<FieldError> e = new ArrayList<>();
        Optional<String> e164 = Phone.parse(phone);
        if (phone != null && personId != null) {
            e.add(new FieldError("phone", "one_of", "手机号和用户编号只填一个 (a phone or a personId, not both)"));
        } else if (personId != null) {
            if (personId.isBlank() || personId.length() > 128 || !personId.matches("[A-Za-z0-9_.:@\\-]+")) {
                e.add(new FieldError("personId", "须为平台用户编号 (a person's id)"));
            }
        } else if (phone == null || phone.isBlank()) {
            e.add(new FieldError("phone", "required", "必填 (required)"));
        } else if (e164.isEmpty()) {
            e.add(new FieldError("phone", "phone", "须为11位手机号或带国家区号的号码 (a mobile number, or +country code)"));
        }
        NeedDraft.text(e, "name", personName, 1, 40);
        if (!e.isEmpty()) throw new DomainException.Invalid(e);
        if (personId != null) return new Membership(o.id(), personId, personName.strip(), actor.id(), lifecycle.now(), MemberRole.MEMBER, null);
        String found = personByPhone.apply(e164.get()).orElseThrow(() -> new DomainException.NotFound("phone_not_registered",
                "该手机号还没有登录过本平台，请对方先用手机号登录一次 (nobody has signed in with this number yet: ask them to sign in once)"));
        return new Membership(o.id(), found, personName.strip(), actor.id(), lifecycle.now(), MemberRole.MEMBER, Phone.masked(e164.get()));
    }

    /**
     * Taking a person off an organisation: its manager takes off anyone, a member takes themselves off
     * (leaves). {@code by}/{@code target}: their memberships as read, null when not a member. Its
     * manager stays: someone must answer for it, and an organisation has exactly one manager (a
     * hand-over swaps it), so the manager cannot leave or be taken off; it hands over first.
     */
    public Removal removeMember(Actor actor, Membership by, String targetId, Membership target) {
        boolean self = actor.id().equals(targetId);
        if (!self && (by == null || !by.manages())) {
            throw new DomainException.Forbidden("只有本单位的管理人可以移除成员 (only the organisation's manager removes members)");
        }
        if (target == null) throw new DomainException.NotFound("不是该单位成员 (not a member of this organisation)");
        if (target.manages()) {
            throw new DomainException.Conflict("last_manager", "单位的管理人不能移除或退出，请先移交管理 (the manager cannot leave or be removed: hand over first)", null);
        }
        return new Removal(target, self ? null : by, actor.id(), lifecycle.now());
    }

    /** A member taken off ({@code by}: the manager doing it, null when the member leaves). */
    public record Removal(Membership target, Membership by, String actorId, Instant at) {
        public boolean left() {
            return by == null;
        }
    }

    /** A hand-over, both memberships as read: {@code to} becomes the manager, {@code from} (the manager) a plain member. */
    public record HandOver(Membership from, Membership to, Instant at) {
    }

    /**
     * The manager makes another member the manager and becomes a plain member ({@code by}/{@code target}:
     * the memberships as read, null when none). The write swaps both only while they are still what
     * was read, so racing hand-overs leave exactly one manager.
     */
    public HandOver handOver(Actor actor, Membership by, String targetId, Membership target) {
        if (by == null || !by.manages() || !by.personId().equals(actor.id())) {
            throw new DomainException.Forbidden("只有本单位的管理人可以移交管理 (only the organisation's manager hands over)");
        }
        if (actor.id().equals(targetId)) {
            throw new DomainException.Invalid("personId", "self", "不能移交给自己 (you are the manager already: hand over to another member)");
        }
        if (target == null) throw new DomainException.NotFound("不是该单位成员 (not a member of this organisation)");
        if (target.manages()) {
            throw new DomainException.Conflict("already_manager", "已是本单位的管理人 (already the manager)", null);
        }
        return new HandOver(by, target, lifecycle.now());
    }

    /** A member claims for a verified organisation: the claim carries it (the points stay the member's). */
    public ClaimOrigin onBehalf(Organisation o, Actor helper, boolean isMember) {
        if (!isMember) throw new DomainException.Forbidden("你不是该单位的成员 (you are not a member of this organisation)");
        if (!o.isVerified()) throw new DomainException.Conflict("该单位尚未通过审核 (the organisation is not verified)", null);
        return new ClaimOrigin(o.id(), o.name(), null);
    }

    // ---- offers -------------------------------------------------------------------------

    /**
     * A helper publishes an offer, for themselves or for a verified organisation they are a member
     * of ({@code organisation} is what {@code draft.organisationId} names, or null).
     */
    public Offer publish(OfferDraft d, List<FieldError> parseErrors, Actor helper, Organisation organisation, boolean isMember,
                         String id) {
        if (!helper.has(Role.HELPER)) throw new DomainException.Forbidden("只有帮扶主体可以发布供给 (only helpers publish offers)");
        throw400(parseErrors, d.problems(lifecycle.today(), lifecycle.areas()));
        if (d.organisationId() != null) {
            if (organisation == null) throw new DomainException.Invalid("organisationId", "没有这个单位 (no such organisation)");
            onBehalf(organisation, helper, isMember);
        }
        Instant now = lifecycle.now();
        return new Offer(id, d.kind(), d.category(), d.title().strip(), d.description().strip(), d.unit().strip(), d.quantity(),
                d.quantity(), d.capacity(), null, d.area(), d.until(), helper.id(), helper.displayName(),
                organisation == null ? null : organisation.id(), organisation == null ? null : organisation.name(),
                OfferState.OPEN, now, now, 1, null);
    }

    /** Who may withdraw or edit an offer as its own: the offerer (an organisation's offer: its members). */
    private static void mustOwn(Offer offer, Actor a, boolean isMember, String what) {
        if (!answersFor(offer, a, isMember)) throw new DomainException.Forbidden("只有供给的发布方可以" + what + " (only the offerer)");
    }

    /**
     * The offerer (or a member of its organisation) takes an offer down; so may an admin of the offer's
     * area, with a reason. It leaves the public list for good; the proposals still waiting are declined
     * with the reason (the posters see it); accepted ones are claims and stay as they are.
     */
    public Withdrawal withdraw(Offer offer, List<Proposal> proposals, Actor actor, boolean isMember, String reason) {
        boolean owner = answersFor(offer, actor, isMember);
        if (!owner && !actor.actsFor(Role.ADMIN, offer.area())) {
            throw new DomainException.Forbidden("只有供给的发布方或该辖区的管理员可以撤下 (only the offerer or an admin of its area)");
        }
        OfferState now = offer.status(lifecycle.today());
        if (closed(now)) throw new DomainException.Conflict("offer_closed", closedWords(now) + "，无需撤下 (the offer is already " + now + ")", null);
        String why = reason(reason, !owner);
        Instant at = lifecycle.now();
        Offer after = offer.with(OfferState.WITHDRAWN, new Offer.Withdrawal(actor.id(), why, at), at);
        return new Withdrawal(offer, after, declineAll(proposals, actor, told(why), at));
    }

    public record Withdrawal(Offer before, Offer after, List<Proposal> declined) {
    }

    /**
     * Proposals still waiting on a withdrawn offer (made between the withdrawal's read and its write),
     * declined as it declined the others, by its withdrawer with its reason. None for an offer not withdrawn.
     */
    public List<Proposal> leftovers(Offer offer, List<Proposal> proposals) {
        Offer.Withdrawal w = offer.withdrawal();
        if (offer.state() != OfferState.WITHDRAWN || w == null) return List.of();
        Instant at = lifecycle.now();
        return proposals.stream().filter(p -> p.state() == ProposalState.PROPOSED)
                .map(p -> p.answered(ProposalState.DECLINED, w.by(), told(w.reason()), null, at)).toList();
    }

    private static String told(String why) {
        return why == null ? "供给已撤下 (the offer was withdrawn)" : "供给已撤下：" + why;
    }

    private static List<Proposal> declineAll(List<Proposal> proposals, Actor by, String why, Instant at) {
        return proposals.stream().filter(p -> p.state() == ProposalState.PROPOSED)
                .map(p -> p.answered(ProposalState.DECLINED, by.id(), why, null, at)).toList();
    }

    /**
     * The offerer edits an open offer, from the version they saw (else 409: it changed meanwhile).
     * The quantity never goes below what accepted proposals hold; the window and the area change only
     * while nothing is held (then proposals still waiting that no longer fit are declined).
     */
    public Edit edit(Offer offer, OfferEdit e, List<FieldError> parseErrors, List<Proposal> proposals, Actor actor, boolean isMember) {
        mustOwn(offer, actor, isMember, "修改");
        if (e.version() == null) parseErrors = plus(parseErrors, new FieldError("version", "必填：你看到的版本 (required: the version you saw)"));
        OfferDraft d = new OfferDraft(or(e.kind(), offer.kind()), or(e.category(), offer.category()), or(e.title(), offer.title()),
                or(e.description(), offer.description()), or(e.quantity(), offer.quantity()), offer.capacity(), or(e.unit(), offer.unit()),
                or(e.area(), offer.area()), or(e.until(), offer.until()), null);
        List<FieldError> rules = new ArrayList<>(d.problems(lifecycle.today(), lifecycle.areas()));
        // An unchanged date may already be past (an expired offer being extended is changed, so checked).
        if (e.until() == null) rules.removeIf(f -> f.field().equals("until"));
        throw400(parseErrors, rules);
        if (offer.state() == OfferState.WITHDRAWN) throw new DomainException.Conflict("offer_withdrawn", "该供给已撤下，不能修改 (the offer was withdrawn)", null);
        if (e.version() != offer.version()) {
            throw new DomainException.Conflict("offer_changed", "该供给已有变动，请刷新后再改 (changed meanwhile: version " + offer.version() + ")", null);
        }
        LocalDate today = lifecycle.today();
        int held = offer.committedOn(today);
        if (d.quantity() < held) {
            throw new DomainException.Conflict("below_committed", "已有 " + held + " " + offer.unit() + "被认领，数量不能少于此 (at least " + held + ", already committed)", null);
        }
        boolean moved = d.category() != offer.category() || !d.area().equals(offer.area());
        if (moved && offer.everCommitted()) {
            throw new DomainException.Conflict("offer_fixed", "已有认领，窗口和范围不能再改 (window and area are fixed once something is committed)", null);
        }
        Instant at = lifecycle.now();
        boolean newMonth = offer.monthly() && !java.time.YearMonth.from(today).equals(offer.period());
        Offer after = offer.edited(d, newMonth ? d.quantity() : d.quantity() - held, at);
        return new Edit(offer, after, misfits(after, proposals, actor), newMonth);
    }

    /**
     * Proposals still waiting that the offer no longer fits (its window or area was changed), declined
     * by {@code by}. After an edit's write the caller reads the proposals again and declines these too:
     * one made between the edit's read and its write was checked against the old window.
     */
    public List<Proposal> misfits(Offer offer, List<Proposal> proposals, Actor by) {
        Instant at = lifecycle.now();
        return proposals.stream().filter(p -> p.state() == ProposalState.PROPOSED && misfit(offer, p.category(), p.needArea()) != null)
                .map(p -> p.answered(ProposalState.DECLINED, by.id(), "供给的窗口或范围已改变 (the offer's window or area changed)", null, at))
                .toList();
    }

    /** Why the offer does not cover a need of this window and village ({@link Offer#covers}); null: it does. */
    private static String misfit(Offer offer, Category category, AreaCode village) {
        if (offer.covers(category, village)) return null;
        if (offer.category() != category) {
            return "窗口不同：供给是" + offer.category().label() + "，需求是" + category.label() + " (different windows)";
        }
        return "该供给不覆盖这个村 (the offer does not cover this village)";
    }

    /**
     * newMonth: a monthly offer whose stored count is an earlier month's, so nothing is held this month
     * (the write must not test that old count against the shrink: it would fail on every retry).
     */
    public record Edit(Offer before, Offer after, List<Proposal> declined, boolean newMonth) {
    }

    private static <T> T or(T v, T fallback) {
        return v == null ? fallback : v;
    }

    private static List<FieldError> plus(List<FieldError> l, FieldError e) {
        List<FieldError> out = new ArrayList<>(l);
        out.add(e);
        return out;
    }

    /** Who answers for an offer: its organisation's members, or the person who published it. */
    public static boolean answersFor(Offer offer, Actor a, boolean isMemberOfItsOrganisation) {
        return offer.byOrganisation() ? isMemberOfItsOrganisation : a.id().equals(offer.offererId());
    }

    /**
     * The need's poster proposes it to an offer that fits: same window, the offer's area covers the
     * need's village, capacity left. The need may still be waiting for review (acceptance will wait
     * for it to be published). {@code quantity} null: as much as both allow.
     */
    public Proposal propose(Offer offer, Need need, Actor poster, Integer quantity, String id) {
        if (!need.postedBy(poster)) throw new DomainException.Forbidden("只有该村仍在任的需求发布人可以对接供给 (only the need's poster, while they act for its village)");
        if (!(need.state() == NeedState.PENDING_REVIEW || need.state() == NeedState.PUBLISHED)) {
            throw new DomainException.Conflict("need_not_open", "该需求已被认领或已结束 (the need is no longer open)", need.state());
        }
        mustBeOpen(offer);
        String misfit = misfit(offer, need.category(), need.area());
        if (misfit != null) throw new DomainException.Conflict("offer_does_not_fit", misfit, need.state());
        int offerLeft = offer.remainingOn(lifecycle.today());
        int most = Math.min(offerLeft, need.quantities().remaining());
        int q = quantity == null ? most : quantity;
        if (q < 1 || q > NeedDraft.MAX_QUANTITY) throw new DomainException.Invalid("quantity", "须为正整数 (a positive whole number)");
        if (q > most) {
            throw new DomainException.Conflict(offerLeft < need.quantities().remaining() ? "offer_not_enough" : "not_enough_left",
                    "数量超过可对接的 " + most + " (at most " + most + ")", need.state());
        }
        return new Proposal(id, offer.id(), need.id(), need.title(), need.category(), need.area(), poster.id(),
                poster.displayName(), q, ProposalState.PROPOSED, lifecycle.now(), null, null, null, null);
    }

    /**
     * The offerer accepts: a claim of the proposal's quantity by the accepting person (with every
     * claim rule: a helper, not the poster, the need published with enough left, the claim cap),
     * for the offer's organisation if it has one, and the same quantity taken from the offer.
     */
    public Acceptance accept(Proposal p, Offer offer, Need need, Actor actor, boolean isMember, HelperRecord record, String claimId) {
        if (!answersFor(offer, actor, isMember)) throw new DomainException.Forbidden("只有供给的发布方可以接受 (only the offerer answers)");
        // The offer first: a withdrawal declines the waiting proposals, and "withdrawn" is what the offerer must hear.
        mustBeOpen(offer);
        if (p.state() != ProposalState.PROPOSED) {
            throw new DomainException.Conflict("proposal_answered", "该对接已答复过 (already " + p.state() + ")", need.state());
        }
        // Proposed before the offer's window or area was changed, and not yet declined for it.
        String misfit = misfit(offer, need.category(), need.area());
        if (misfit != null) throw new DomainException.Conflict("offer_does_not_fit", "供给已修改，" + misfit, need.state());
        int left = offer.remainingOn(lifecycle.today());
        if (p.quantity() > left) {
            throw new DomainException.Conflict("offer_not_enough", "供给仅剩 " + left + " (only " + left + " left in the offer)", null);
        }
        if (need.state() == NeedState.PENDING_REVIEW) {
            throw new DomainException.Conflict("need_not_published", "需求尚未通过审核，通过后再接受 (the need is not published yet)", need.state());
        }
        LocalDate today = lifecycle.today();
        ClaimOrigin origin = new ClaimOrigin(offer.organisationId(), offer.organisationName(), offer.id(),
                offer.monthly() ? java.time.YearMonth.from(today).toString() : null);
        Change claim = lifecycle.claim(need, actor, p.quantity(), claimId, record, origin);
        Instant now = claim.after().updatedAt();
        return new Acceptance(claim, offer, offer.taken(p.quantity(), today, now),
                p.answered(ProposalState.ACCEPTED, actor.id(), null, claimId, now));
    }

    /** {@code offerBefore}: as read, so the write can require it unchanged where it matters (a monthly offer's month). */
    public record Acceptance(Change claim, Offer offerBefore, Offer offerAfter, Proposal proposalAfter) {
    }

    /** The offerer declines, with a reason the poster sees. Nothing else changes. */
    public Proposal decline(Proposal p, Offer offer, Actor actor, boolean isMember, String reason) {
        if (!answersFor(offer, actor, isMember)) throw new DomainException.Forbidden("只有供给的发布方可以答复 (only the offerer answers)");
        if (p.state() != ProposalState.PROPOSED) {
            throw new DomainException.Conflict("proposal_answered", "该对接已答复过 (already " + p.state() + ")", null);
        }
        return p.answered(ProposalState.DECLINED, actor.id(), reason(reason, true), null, lifecycle.now());
    }

    // ---- helpers ------------------------------------------------------------------------

    /** Withdrawn, used up or expired: nothing more can come of it (a monthly offer full this month opens again on the 1st). */
    private static boolean closed(OfferState s) {
        return s == OfferState.WITHDRAWN || s == OfferState.USED_UP || s == OfferState.EXPIRED;
    }

    private static String closedWords(OfferState s) {
        return "该供给已" + (s == OfferState.WITHDRAWN ? "撤下" : s == OfferState.USED_UP ? "用完" : "过期");
    }

    /** Proposing to an offer or accepting through it: 409 offer_closed (withdrawn, used up, expired) or offer_not_enough (full this month). */
    private void mustBeOpen(Offer offer) {
        OfferState now = offer.status(lifecycle.today());
        if (closed(now)) throw new DomainException.Conflict("offer_closed", closedWords(now) + " (the offer is " + now + ")", null);
        if (now != OfferState.OPEN) throw new DomainException.Conflict("offer_not_enough", "该供给本月已满 (the offer is full this month)", null);
    }

    private static String reason(String reason, boolean required) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        int n = why == null ? 0 : why.codePointCount(0, why.length());
        if (required && n < 2) throw new DomainException.Invalid("reason", "请说明理由，2 到 200 字 (a reason is required)");
        if (n > 200) throw new DomainException.Invalid("reason", "最多 200 字 (at most 200 characters)");
        return why;
    }

    /** One 400 with the parser's problems and the rules', each field once. */
    private static void throw400(List<FieldError> parseErrors, List<FieldError> rules) {
        List<FieldError> all = new ArrayList<>(parseErrors);
        Set<String> seen = new HashSet<>();
        parseErrors.forEach(e -> seen.add(e.field()));
        for (FieldError e : rules) if (seen.add(e.field())) all.add(e);
        if (!all.isEmpty()) throw new DomainException.Invalid(all);
    }
}
