package org.bangfu.core;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The rules of a need's life. Each method checks who may do it and whether the need's current
 * state allows it, and returns the change to write; the repository then writes it only if the
 * need is still as read (so a decision made here can never be applied to a stale need).
 */
public final class Lifecycle {
    /** Deadlines are calendar days in China. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Clock clock;
    private final AreaRegistry areas;
    private final PointsRules rules;

    public Lifecycle(Clock clock, AreaRegistry areas) {
        this(clock, areas, PointsRules.bundled());
    }

    public Lifecycle(Clock clock, AreaRegistry areas, PointsRules rules) {
        this.clock = clock;
        this.areas = areas;
        this.rules = rules;
    }

    public PointsRules rules() {
        return rules;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    public AreaRegistry areas() {
        return areas;
    }

    /** A cadre posts a need for a household of their area. It waits for two reviews. */
    public Posting post(NeedDraft draft, Actor poster, String needId) {
        return post(draft, List.of(), poster, needId);
    }

    /**
     * As above, with the problems the request parser already found (wrong types): one 400 lists
     * those and every rule the draft breaks, without repeating a field.
     */
    public Posting post(NeedDraft draft, List<FieldError> parseErrors, Actor poster, String needId) {
        return post(draft, parseErrors, poster, needId, null);
    }

    /**
     * As above, with the household's register entry if the family was posted before ({@code registered},
     * read by the caller; the write fails if it appears meanwhile). The new need carries its own copy of
     * the household, reviewed with it; the register is never rewritten, and a posting whose details
     * differ from it says so on its audit line.
     */
    public Posting post(NeedDraft draft, List<FieldError> parseErrors, Actor poster, String needId, Household registered) {
        if (!poster.has(Role.POSTER)) throw new DomainException.Forbidden("只有采集员可以发布需求 (only posters may post needs)");
        List<FieldError> problems = new java.util.ArrayList<>(parseErrors);
        java.util.Set<String> reported = new java.util.HashSet<>();
        parseErrors.forEach(e -> reported.add(e.field()));
        for (FieldError e : draft.problems(today(), areas)) {
            if (reported.add(e.field())) problems.add(e);
        }
        if (!problems.isEmpty()) throw new DomainException.Invalid(problems);
        if (!poster.actsFor(Role.POSTER, draft.area())) {
            throw new DomainException.Forbidden("只能为本辖区的家庭发布需求 (the household is outside your area)");
        }
        Instant now = now();
        String householdId = Household.idFor(draft.householdIdNumber());
        Household household = new Household(householdId, draft.householdName().strip(), draft.householdIdNumber(),
                draft.householdPhone(), draft.householdAddress().strip(), draft.area());
        if (registered != null && !registered.area().equals(draft.area())) {
            throw new DomainException.Conflict("household_other_area", "该家庭登记在其他村 (this household is registered in another area)", null);
        }
        List<String> changed = new java.util.ArrayList<>();
        if (registered != null) {
            if (!registered.name().equals(household.name())) changed.add("name");
            if (!registered.phone().equals(household.phone())) changed.add("phone");
            if (!registered.address().equals(household.address())) changed.add("address");
        }
        Need need = new Need(needId, draft.category(), draft.title().strip(), draft.description().strip(),
                draft.unit().strip(), draft.valueYuan(), draft.deadline(), draft.area(), householdId,
                household.maskedName(), poster.id(), poster.displayName(),
                new Contact(draft.contactName().strip(), draft.contactPhone()), NeedState.PENDING_REVIEW,
                Quantities.fresh(draft.quantity()), null, null, null, now, null, now, 1, 0);
        AuditEntry audit = new AuditEntry(needId, now, poster.id(), "post", null, NeedState.PENDING_REVIEW,
                changed.isEmpty() ? null : "家庭信息与登记不同，随本需求审核 (household details differ from the register: "
                        + String.join(", ", changed) + ")");
        return new Posting(need, household, audit, registered == null);
    }

    /** registersHousehold: the family's first posting, which also writes its register entry. */
    public record Posting(Need need, Household household, AuditEntry audit, boolean registersHousehold) {
    }

    /**
     * The poster corrects a need still waiting for review, or a rejected one, and sends it again:
     * the same checks as a new posting, then both reviews start over (an approval of the old text
     * does not carry over) and the rejection's reason is cleared.
     */
    public Amendment amend(Need need, NeedDraft draft, List<FieldError> parseErrors, Actor poster, Household registered) {
        if (!need.postedBy(poster)) {
            throw new DomainException.Forbidden("只有发布人可以修改 (only the need's poster may edit it)");
        }
        if (need.state() != NeedState.PENDING_REVIEW && need.state() != NeedState.REJECTED) {
            throw new DomainException.Conflict("not_editable", "只能修改待审核或被驳回的需求 (only a need waiting for review or rejected can be edited)",
                    need.state());
        }
        Posting p = post(draft, parseErrors, poster, need.id(), registered);
        Instant now = p.need().createdAt();
        Need fresh = p.need();
        Need after = new Need(need.id(), fresh.category(), fresh.title(), fresh.description(), fresh.unit(), fresh.valueYuan(),
                fresh.deadline(), fresh.area(), fresh.householdId(), fresh.beneficiary(), need.posterId(), need.posterName(),
                fresh.contact(), NeedState.PENDING_REVIEW, fresh.quantities(), null, null, null, need.createdAt(), null, now,
                need.version() + 1, need.openReports());
        AuditEntry audit = new AuditEntry(need.id(), now, poster.id(), need.state() == NeedState.REJECTED ? "resubmit" : "edit",
                need.state(), NeedState.PENDING_REVIEW, null);
        return new Amendment(need, after, p.household(), audit, p.registersHousehold());
    }

    /** An edited need, its household copy as now entered, and the audit line; registersHousehold as for a {@link Posting}. */
    public record Amendment(Need before, Need after, Household household, AuditEntry audit, boolean registersHousehold) {
    }

    /**
     * The poster takes back a need nobody is helping with: waiting for review, or published with
     * no claim open, delivered or met. It leaves every list for good and frees the household.
     */
    public Change withdraw(Need need, Actor poster, String reason) {
        if (!need.postedBy(poster)) {
            throw new DomainException.Forbidden("只有发布人可以撤回 (only the need's poster may withdraw it)");
        }
        if (need.state() != NeedState.PENDING_REVIEW && need.state() != NeedState.PUBLISHED) {
            if (need.state() == NeedState.CLAIMED || need.state() == NeedState.DELIVERED) {
                throw new DomainException.Conflict("claims_open", "已有人在帮扶，不能撤回 (someone is helping with it)", need.state());
            }
            throw new DomainException.Conflict("need_closed", "该需求已结束 (the need is closed)", need.state());
        }
        Quantities q = need.quantities();
        if (q.active() > 0 || q.delivered() > 0) {
            throw new DomainException.Conflict("claims_open", "已有人在帮扶，不能撤回 (someone is helping with it)", need.state());
        }
        if (q.fulfilled() > 0) {
            throw new DomainException.Conflict("partly_fulfilled", "已有部分帮扶完成，不能撤回 (part of it has been met)", need.state());
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.codePointCount(0, why.length()) > 200) {
            throw new DomainException.Invalid("reason", "too_long", "最多 200 字 (at most 200 characters)");
        }
        Instant now = now();
        Need after = need.withState(NeedState.WITHDRAWN, now);
        return Change.of(need, after,
                new AuditEntry(need.id(), now, poster.id(), "withdraw", need.state(), NeedState.WITHDRAWN, why));
    }

    /**
     * A council or volunteer reviewer of the need's area approves or rejects it. Publishing takes
     * one approval in each role, from two different people, neither of them the poster.
     */
    public Change review(Need need, Actor reviewer, Role requestedRole, boolean approve, String reason) {
        Role role = reviewRole(reviewer, requestedRole);
        if (!reviewer.actsFor(role, need.area())) {
            throw new DomainException.Forbidden("只能审核本辖区的需求 (the need is outside your area)");
        }
        if (reviewer.id().equals(need.posterId())) {
            throw new DomainException.Forbidden("不能审核自己发布的需求 (you posted this need)");
        }
        if (need.state() != NeedState.PENDING_REVIEW) {
            throw new DomainException.Conflict("not_pending", "该需求不在待审核状态 (the need is not waiting for review)", need.state());
        }
        String mine = role == Role.COUNCIL ? need.councilReviewerId() : need.volunteerReviewerId();
        String other = role == Role.COUNCIL ? need.volunteerReviewerId() : need.councilReviewerId();
        if (mine != null) {
            throw new DomainException.Conflict("already_reviewed", "该角色已审核过 (already reviewed in the " + role.group() + " role)", need.state());
        }
        if (reviewer.id().equals(other)) {
            throw new DomainException.Forbidden("两次审核须由不同的人完成 (the second review must be by another person)");
        }
        String why = reason == null ? null : reason.strip();
        if (!approve && (why == null || why.codePointCount(0, why.length()) < 2 || why.codePointCount(0, why.length()) > 200)) {
            throw new DomainException.Invalid("reason", "length", "驳回须说明理由，2 到 200 字 (a rejection needs a reason)");
        }
        if (approve && why != null && why.codePointCount(0, why.length()) > 200) {
            throw new DomainException.Invalid("reason", "too_long", "最多 200 字 (at most 200 characters)");
        }
        if (approve && need.deadline().isBefore(today())) {
            throw new DomainException.Conflict("deadline_passed", "截止日期已过，请驳回并由发布人重新登记 (the deadline has passed: reject it instead)", need.state());
        }
        Instant now = now();
        NeedState next = !approve ? NeedState.REJECTED : other != null ? NeedState.PUBLISHED : NeedState.PENDING_REVIEW;
        Need after = need.withReview(role, reviewer.id(), next, approve ? need.rejectReason() : why, now);
        Review review = new Review(need.id(), role, reviewer.id(), reviewer.displayName(), approve, why, now);
        AuditEntry audit = new AuditEntry(need.id(), now, reviewer.id(), approve ? "approve:" + role.group() : "reject:" + role.group(),
                need.state(), next, why);
        return Change.review(need, after, review, audit);
    }

    private static Role reviewRole(Actor reviewer, Role requested) {
        if (requested != null) {
            if (requested != Role.COUNCIL && requested != Role.VOLUNTEER) {
                throw new DomainException.Invalid("role", "须为 council 或 volunteer");
            }
            if (!reviewer.has(requested)) throw new DomainException.Forbidden("你没有 " + requested.group() + " 审核角色");
            return requested;
        }
        boolean council = reviewer.has(Role.COUNCIL);
        boolean volunteer = reviewer.has(Role.VOLUNTEER);
        if (council && volunteer) throw new DomainException.Invalid("role", "你有两种审核角色，请指明 council 或 volunteer");
        if (council) return Role.COUNCIL;
        if (volunteer) return Role.VOLUNTEER;
        throw new DomainException.Forbidden("只有议事小组成员或志愿者可以审核 (only council members and volunteers review)");
    }

    /** A claim by a helper with no claims yet (tests, demo data); handlers pass the real record. */
    public Change claim(Need need, Actor helper, int quantity, String claimId) {
        return claim(need, helper, quantity, claimId, HelperRecord.NEW, null);
    }

    public Change claim(Need need, Actor helper, int quantity, String claimId, HelperRecord record) {
        return claim(need, helper, quantity, claimId, record, null);
    }

    /** On behalf of an organisation or through an offer ({@code origin}, checked by {@link Supply#onBehalf} or {@link Supply#accept}). */
    public Change claim(Need need, Actor helper, int quantity, String claimId, HelperRecord record, ClaimOrigin origin) {
        return claim(need, helper, quantity, claimId, record, origin, null);
    }

    /**
     * A helper claims some or all of what remains of a published need, if their record allows
     * another open claim, for themself ({@code origin} null) or for an organisation; every rule holds the same. The claim is due in {@code claim.days} from the helper's <em>first</em>
     * claim on this need ({@code heldSince}, null if none: giving it back and claiming it again never
     * restarts the clock), or by the need's deadline if sooner. Churn limits: no claim within
     * {@code claim.releaseCooldownMinutes} of giving one back (beyond {@code claim.releasesBeforeCooldown}
     * a day), recent own releases count as open
     * claims, and at most {@code claim.perDay} claims a day not yet reported delivered.
     */
    public Change claim(Need need, Actor helper, int quantity, String claimId, HelperRecord record, ClaimOrigin origin,
                        Instant heldSince) {
        if (!helper.has(Role.HELPER)) throw new DomainException.Forbidden("只有帮扶主体可以认领 (only helpers claim)");
        if (helper.id().equals(need.posterId())) throw new DomainException.Forbidden("不能认领自己发布的需求 (you posted this need)");
        if (quantity < 1 || quantity > NeedDraft.MAX_QUANTITY) throw new DomainException.Invalid("quantity", "range", "须为正整数 (a positive whole number)");
        if (!need.state().isPublic()) {
            // Not published yet (or rejected): to a helper it does not exist, as in the public listing.
            throw new DomainException.NotFound("没有这个需求 (no such need)");
        }
        if (need.state() != NeedState.PUBLISHED) {
            throw new DomainException.Conflict("need_not_open", "该需求已被认领或已下架 (the need is no longer open)", need.state());
        }
        if (need.deadline().isBefore(today())) {
            throw new DomainException.Conflict("deadline_passed", "该需求已过截止日期 (the need's deadline has passed)", need.state());
        }
        if (quantity > need.quantities().remaining()) {
            throw new DomainException.Conflict("not_enough_left", "剩余数量不足，仅剩 " + need.quantities().remaining() + " (only "
                    + need.quantities().remaining() + " left)", need.state());
        }
        Instant now = now();
        LocalDate due = (heldSince == null ? today() : LocalDate.ofInstant(heldSince, ZONE)).plusDays(rules.claimDays());
        if (heldSince != null && due.isBefore(today())) {
            throw new DomainException.Conflict("claim_held_too_long", "你认领该需求已满 " + rules.claimDays() + " 天，请让其他人帮扶 (you already held this need for "
                    + rules.claimDays() + " days)", need.state());
        }
        // One give-back a day is an honest change of plans; from the second on, each starts a cooldown.
        Instant lastRelease = record.lastRelease();
        if (lastRelease != null && record.releasesSince(now.minus(java.time.Duration.ofDays(1))) > rules.releasesBeforeCooldown()
                && now.isBefore(lastRelease.plus(java.time.Duration.ofMinutes(rules.releaseCooldownMinutes())))) {
            throw new DomainException.Conflict("release_cooldown", "你刚取消过认领，请 " + rules.releaseCooldownMinutes() + " 分钟后再认领 (you gave a claim back just now; wait "
                    + rules.releaseCooldownMinutes() + " minutes)", need.state());
        }
        Instant weighFrom = now.minus(java.time.Duration.ofDays(rules.releaseWeighsDays()));
        int recentReleases = record.releasesSince(weighFrom);
        if (!rules.mayClaimMore(record.openClaims() + recentReleases, record.completedClaims())) {
            throw new DomainException.Conflict("too_many_open_claims", "你还有 " + record.openClaims() + " 项认领未完成" + (recentReleases > 0 ? "（近期取消 " + recentReleases + " 项）" : "")
                    + "，请先完成再认领新的需求 (finish some of your " + record.openClaims() + " open claims first)", need.state());
        }
        if (record.undeliveredClaimsOn(today()) >= rules.claimsPerDay()) {
            throw new DomainException.Conflict("too_many_today", "今天已认领 " + rules.claimsPerDay() + " 户尚未送达，请先完成帮扶 (at most "
                    + rules.claimsPerDay() + " households a day before delivering)", need.state());
        }
        List<Instant> kept = record.releases().stream().filter(r -> !r.isBefore(weighFrom)).toList();
        Need after = need.withQuantities(need.quantities().claim(quantity), now);
        Claim claim = Claim.open(claimId, need.id(), helper, quantity, now, need.deadline().isBefore(due) ? need.deadline() : due, origin);
        AuditEntry audit = new AuditEntry(need.id(), now, helper.id(), "claim:" + claimId + ":" + quantity, need.state(), after.state(), null);
        return Change.onClaim(need, after, claim, HelperDelta.claimed(helper.id(), rules, record, kept, today()), audit);
    }

    private static void requireOn(Need need, Claim claim) {
        if (!claim.needId().equals(need.id())) throw new DomainException.NotFound("没有这个认领 (no such claim on this need)");
    }

    /** The helper reports the help delivered, with a short note. */
    public Change deliver(Need need, Claim claim, Actor helper, String note, String photoRef) {
        requireOn(need, claim);
        if (!helper.id().equals(claim.helperId())) throw new DomainException.Forbidden("只有认领人可以报告完成 (only the claim's helper)");
        if (claim.state() != ClaimState.ACTIVE) {
            throw new DomainException.Conflict("claim_not_active", "该认领不是进行中状态 (the claim is " + claim.state() + ")", need.state());
        }
        String n = note == null ? null : note.strip();
        if (n == null || n.isEmpty() || n.codePointCount(0, n.length()) > 500) {
            throw new DomainException.Invalid("note", "length", "请简要说明帮扶情况，1 到 500 字 (a short note is required)");
        }
        if (photoRef != null && (photoRef.length() > 300 || photoRef.isBlank())) {
            throw new DomainException.Invalid("photoRef", "too_long", "最多 300 个字符 (at most 300 characters)");
        }
        Instant now = now();
        Need after = need.withQuantities(need.quantities().deliver(claim.quantity()), now);
        HelperDelta sameDay = LocalDate.ofInstant(claim.createdAt(), ZONE).equals(today())
                ? HelperDelta.deliveredSameDay(claim.helperId(), today()) : null;
        return Change.onClaim(need, after, claim.delivered(n, photoRef, now),
                sameDay, new AuditEntry(need.id(), now, helper.id(), "deliver:" + claim.id(), need.state(), after.state(), n));
    }

    /**
     * The area admin or the poster confirms the help arrived. When all is confirmed the need is
     * fulfilled for good. A confirmation by the poster alone (not an admin of the area) fulfils the
     * need but holds the helper's points until an area admin confirms the same claim again
     * (a countersignature: a poster and a helper who know each other cannot mint points alone).
     */
    public Change confirm(Need need, Claim claim, Actor confirmer) {
        requireOn(need, claim);
        boolean admin = confirmer.actsFor(Role.ADMIN, need.area());
        boolean allowed = admin || need.postedBy(confirmer);
        if (!allowed) throw new DomainException.Forbidden("只有本辖区管理员或发布人可以确认 (only the area admin or the poster)");
        if (confirmer.id().equals(claim.helperId())) throw new DomainException.Forbidden("不能确认自己的认领 (you hold this claim)");
        if (claim.pointsHeld()) {
            if (!admin) {
                throw new DomainException.Conflict("已确认，等待本辖区管理员复核 (confirmed; waiting for the area admin's check)", need.state());
            }
            Instant at = now();
            Need same = need.withQuantities(need.quantities(), at);
            return Change.onClaim(need, same, claim.countersigned(confirmer.id()), null,
                    new AuditEntry(need.id(), at, confirmer.id(), "countersign:" + claim.id(), need.state(), same.state(), "管理员复核发布人的确认 (admin checked the poster's confirmation)"));
        }
        if (claim.state() != ClaimState.DELIVERED) {
            throw new DomainException.Conflict("claim_not_delivered", "该认领尚未报告完成 (the claim is " + claim.state() + ")", need.state());
        }
        Instant now = now();
        Need after = need.withQuantities(need.quantities().confirm(claim.quantity()), now);
        return Change.onClaim(need, after, claim.confirmed(confirmer.id(), now, after.quantities().fulfilled(), admin ? confirmer.id() : null),
                HelperDelta.completed(claim.helperId()), new AuditEntry(need.id(), now, confirmer.id(), "confirm:" + claim.id(), need.state(), after.state(),
                        admin ? null : "发布人确认，积分待管理员复核 (poster's confirmation: points held for the area admin)"));
    }

    /** The helper (or the area admin) gives a claim back before delivery; its quantity returns to the public list. */
    public Change release(Need need, Claim claim, Actor actor, String reason) {
        return release(need, claim, actor, reason, HelperRecord.NEW);
    }

    /**
     * As above; {@code helperRecord} is the claim's helper's record, so the audit line tells the area
     * admin how often this helper has given claims back lately (churn is visible in GET /api/audit).
     */
    public Change release(Need need, Claim claim, Actor actor, String reason, HelperRecord helperRecord) {
        requireOn(need, claim);
        boolean allowed = actor.id().equals(claim.helperId()) || actor.actsFor(Role.ADMIN, need.area());
        if (!allowed) throw new DomainException.Forbidden("只有认领人或本辖区管理员可以取消认领 (only the helper or the area admin)");
        if (claim.state() != ClaimState.ACTIVE) {
            throw new DomainException.Conflict("claim_not_active", "只能取消进行中的认领 (the claim is " + claim.state() + ")", need.state());
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.codePointCount(0, why.length()) > 200) throw new DomainException.Invalid("reason", "too_long", "最多 200 字 (at most 200 characters)");
        Instant now = now();
        Need after = need.withQuantities(need.quantities().release(claim.quantity()), now);
        boolean own = actor.id().equals(claim.helperId());
        String detail = why;
        if (own) {
            int recent = helperRecord.releasesSince(now.minus(java.time.Duration.ofDays(rules.releaseWeighsDays()))) + 1;
            String churn = "认领人 " + rules.releaseWeighsDays() + " 天内第 " + recent + " 次取消 (release " + recent + " in "
                    + rules.releaseWeighsDays() + " days)";
            detail = why == null ? churn : why + " · " + churn;
        }
        return Change.onClaim(need, after, claim.released(actor.id(), why, now),
                own ? HelperDelta.releasedByHelper(claim.helperId(), now) : HelperDelta.released(claim.helperId()),
                new AuditEntry(need.id(), now, actor.id(), "release:" + claim.id(), need.state(), after.state(), detail));
    }

    /**
     * A reviewer or admin of the area looks into the public's reports of a need: dismiss them, or
     * withdraw the need (delisted for good; only while nobody holds an unfinished claim on it).
     */
    public Change resolveReports(Need need, Actor reviewer, boolean withdraw, String note) {
        if (!Privacy.mayReview(reviewer, need.area())) {
            throw new DomainException.Forbidden("只有本辖区的审核人员可以处理举报 (reviewers and admins of the area only)");
        }
        if (need.openReports() == 0) throw new DomainException.Conflict("no_open_reports", "没有待处理的举报 (no open reports)", need.state());
        String why = note == null ? null : note.strip();
        if (why == null || why.codePointCount(0, why.length()) < 2 || why.codePointCount(0, why.length()) > 200) {
            throw new DomainException.Invalid("note", "length", "请说明处理结果，2 到 200 字 (a short note is required)");
        }
        Instant now = now();
        Need after = need.withReportsResolved(now);
        if (withdraw) {
            if (need.quantities().active() > 0 || need.quantities().delivered() > 0) {
                throw new DomainException.Conflict("claims_open", "还有未完成的认领，请先处理认领 (claims are still open on it)", need.state());
            }
            if (!need.state().isOpen()) throw new DomainException.Conflict("need_closed", "该需求已结束 (the need is closed)", need.state());
            after = after.withState(NeedState.WITHDRAWN, now);
        }
        return Change.of(need, after, new AuditEntry(need.id(), now, reviewer.id(),
                withdraw ? "reports:withdraw" : "reports:dismiss", need.state(), after.state(), why));
    }

    /** The system actor for scheduled steps, as it appears in audit lines. */
    public static final String SYSTEM = "system:claim-hygiene";

    /**
     * A claim not reported delivered by its due date is released automatically: the quantity goes
     * back to the list (or the need expires, if its own deadline has passed) and the claim earns nothing.
     */
    public Change releaseOverdue(Need need, Claim claim) {
        requireOn(need, claim);
        if (claim.state() != ClaimState.ACTIVE || !claim.dueOn().isBefore(today())) {
            throw new DomainException.Conflict("not_overdue", "认领未逾期 (the claim is not overdue)", need.state());
        }
        Instant now = now();
        String why = "逾期未报告完成，系统自动释放 (not delivered by " + claim.dueOn() + ")";
        Need after = need.withQuantities(need.quantities().release(claim.quantity()), now);
        if (after.state() == NeedState.PUBLISHED && need.deadline().isBefore(today()) && after.quantities().active() == 0
                && after.quantities().delivered() == 0 && after.quantities().fulfilled() == 0) {
            after = after.withState(NeedState.EXPIRED, now);
        }
        return Change.onClaim(need, after, claim.released(SYSTEM, why, now), HelperDelta.released(claim.helperId()),
                new AuditEntry(need.id(), now, SYSTEM, "release-overdue:" + claim.id(), need.state(), after.state(), why));
    }

    /** A published need nobody claimed any of by its deadline expires: delisted, household free to be posted again. */
    public Change expire(Need need) {
        Quantities q = need.quantities();
        if (need.state() != NeedState.PUBLISHED || !need.deadline().isBefore(today()) || q.remaining() != q.total()) {
            throw new DomainException.Conflict("not_expirable", "需求未过期或已有认领 (not expirable)", need.state());
        }
        Instant now = now();
        Need after = need.withState(NeedState.EXPIRED, now);
        return Change.of(need, after,
                new AuditEntry(need.id(), now, SYSTEM, "expire", need.state(), NeedState.EXPIRED, "截止日期已过 " + need.deadline()));
    }
}
