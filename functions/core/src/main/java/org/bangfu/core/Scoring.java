package org.bangfu.core;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which points a change earns. Pure: the same change always gives the same awards with the same
 * keys, which is what makes counting them exactly once possible downstream.
 */
public final class Scoring {
    private final PointsRules rules;

    public Scoring(PointsRules rules) {
        this.rules = rules;
    }

    public PointsRules rules() {
        return rules;
    }

    /** A review was recorded (it is written once per need and role). */
    public List<Award> reviewRecorded(Review review, AreaCode area, String needTitle) {
        String what = review.approved() ? "审核通过" : "审核驳回";
        return List.of(new Award("review:" + review.needId() + ":" + review.role().group(), review.reviewerId(),
                review.reviewerName(), rules.reviewDone(), "review.done", what + "「" + needTitle + "」", review.needId(), area,
                review.at()));
    }

    /**
     * What a rejection's award earns once: per reviewer and household, and per reviewer and poster
     * (null ids, on reviews written before they were recorded: no limit). Rejecting the same family's
     * or the same poster's postings again and again earns nothing more. Approvals: none.
     */
    public List<EarnsOnce> reviewOnce(Review review, String householdId, String posterId) {
        if (review.approved()) return List.of();
        String prefix = "review-reject:" + review.reviewerId() + ":";
        List<EarnsOnce> out = new ArrayList<>();
        if (householdId != null) out.add(new EarnsOnce(review.reviewerId(), prefix + "household:" + householdId,
                "已驳回过同一户，不再计分 · already earned for rejecting this household"));
        if (posterId != null) out.add(new EarnsOnce(review.reviewerId(), prefix + "poster:" + posterId,
                "已驳回过同一发布人，不再计分 · already earned for rejecting this poster"));
        return out;
    }

    /** The reviewer's daily cap the award for {@code review} counts against ({@code review.perDay}). */
    public DailyCap reviewCap(Review review) {
        return new DailyCap(review.reviewerId(), "review.done", LocalDate.ofInstant(review.at(), Lifecycle.ZONE), rules.reviewsPerDay());
    }

    /**
     * A claim went from delivered to confirmed. The need as a whole is worth base x weight, a size
     * bonus and (for each claim confirmed fast) a fast bonus, together at most {@code need.maxPoints};
     * each claim earns the part of every component its units cover, counted cumulatively over the
     * need's units in the order they were confirmed ({@code fulfilledThrough}): floor(X x through / total)
     * minus floor(X x before / total). The parts add up to the whole, so cutting a need into more
     * claims never earns more than helping with it in one. Released or expired claims never reach here.
     */
    public List<Award> claimConfirmed(Claim claim, ClaimContext need) {
        if (claim.state() != ClaimState.CONFIRMED || claim.confirmedAt() == null) return List.of();
        // Confirmed by the poster alone: held until an area admin countersigns (then the same award keys are written once).
        if (claim.pointsHeld()) return List.of();
        List<Award> out = new ArrayList<>();
        int total = need.total();
        int through = need.fulfilledThrough() == null ? claim.quantity() : Math.min(total, need.fulfilledThrough());
        int before = Math.max(0, through - claim.quantity());
        double weight = rules.weights().getOrDefault(need.category(), 1.0);
        int cap = rules.needMaxPoints();
        int base = (int) Math.min(cap, Math.round(rules.fulfilledBase() * weight));
        int value = need.valueYuan() != null && need.valueYuan() > 0 && rules.yuanPerPoint() > 0
                ? (int) Math.min(Math.max(0, cap - base), Math.min(rules.valueMax(), Math.floor((double) need.valueYuan() / rules.yuanPerPoint())))
                : 0;
        int fast = Math.min(Math.max(0, cap - base - value), rules.fastBonus());
        String prefix = "claim:" + claim.id() + ":confirmed:";
        String title = "「" + need.title() + "」";
        int basePart = part(base, before, through, total);
        if (basePart > 0) {
            out.add(new Award(prefix + "base", claim.helperId(), claim.helperName(), basePart, "fulfilled.base",
                    "完成帮扶" + title + " " + need.category().label() + " ×" + weight + "，" + claim.quantity() + "/" + total,
                    claim.needId(), need.area(), claim.confirmedAt()));
        }
        int valuePart = part(value, before, through, total);
        if (valuePart > 0) {
            out.add(new Award(prefix + "value", claim.helperId(), claim.helperName(), valuePart, "value",
                    "帮扶价值约 " + Math.round((double) need.valueYuan() * claim.quantity() / total) + " 元" + title, claim.needId(), need.area(),
                    claim.confirmedAt()));
        }
        int fastPart = part(fast, before, through, total);
        if (fastPart > 0 && Duration.between(claim.createdAt(), claim.confirmedAt()).compareTo(Duration.ofDays(rules.fastDays())) <= 0) {
            out.add(new Award(prefix + "fast", claim.helperId(), claim.helperName(), fastPart, "fast.bonus",
                    rules.fastDays() + " 天内完成" + title, claim.needId(), need.area(), claim.confirmedAt()));
        }
        return out;
    }

    /** The claim's part of {@code whole} for units (before, through] of {@code total}. */
    static int part(int whole, int before, int through, int total) {
        return (int) (Math.floorDiv((long) whole * through, total) - Math.floorDiv((long) whole * before, total));
    }

    /** What a claim needs to know of its need to be scored; copied onto the claim when it is made. */
    public record ClaimContext(String title, Category category, int total, Integer valueYuan, AreaCode area, Integer fulfilledThrough) {
        public ClaimContext(String title, Category category, int total, Integer valueYuan, AreaCode area) {
            this(title, category, total, valueYuan, area, null);
        }
    }
}
