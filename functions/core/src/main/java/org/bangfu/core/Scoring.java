package org.bangfu.core;

import java.time.Duration;
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
     * A claim went from delivered to confirmed: the helper earns base x weight x share, a size
     * bonus, and a fast-help bonus. Released or expired claims never reach here, so earn nothing.
     */
    public List<Award> claimConfirmed(Claim claim, ClaimContext need) {
        if (claim.state() != ClaimState.CONFIRMED || claim.confirmedAt() == null) return List.of();
        List<Award> out = new ArrayList<>();
        double share = (double) claim.quantity() / need.total();
        double weight = rules.weights().getOrDefault(need.category(), 1.0);
        int base = (int) Math.max(1, Math.round(rules.fulfilledBase() * weight * share));
        String prefix = "claim:" + claim.id() + ":confirmed:";
        String title = "「" + need.title() + "」";
        out.add(new Award(prefix + "base", claim.helperId(), claim.helperName(), base, "fulfilled.base",
                "完成帮扶" + title + " " + need.category().label() + " ×" + weight + "，" + claim.quantity() + "/" + need.total(),
                claim.needId(), need.area(), claim.confirmedAt()));
        if (need.valueYuan() != null && need.valueYuan() > 0 && rules.yuanPerPoint() > 0) {
            int value = (int) Math.min(rules.valueMax(), Math.floor(need.valueYuan() * share / rules.yuanPerPoint()));
            if (value > 0) {
                out.add(new Award(prefix + "value", claim.helperId(), claim.helperName(), value, "value",
                        "帮扶价值约 " + Math.round(need.valueYuan() * share) + " 元" + title, claim.needId(), need.area(),
                        claim.confirmedAt()));
            }
        }
        if (Duration.between(claim.createdAt(), claim.confirmedAt()).compareTo(Duration.ofDays(rules.fastDays())) <= 0) {
            out.add(new Award(prefix + "fast", claim.helperId(), claim.helperName(), rules.fastBonus(), "fast.bonus",
                    rules.fastDays() + " 天内完成" + title, claim.needId(), need.area(), claim.confirmedAt()));
        }
        return out;
    }

    /** What a claim needs to know of its need to be scored; copied onto the claim when it is made. */
    public record ClaimContext(String title, Category category, int total, Integer valueYuan, AreaCode area) {
    }
}
