package org.bangfu.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Claim;
import org.bangfu.core.Milestones;
import org.bangfu.core.NeedState;
import org.bangfu.core.Review;
import org.bangfu.core.Scoring;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the items of the table as they appear in its change stream (old and new images, as SDK items: see the lambda module's StreamEvents). */
public final class StreamImages {
    private StreamImages() {
    }

    public static String type(Map<String, AttributeValue> image) {
        return image == null ? null : Items.str(image, "type");
    }

    /** A claim's item as the stream shows it (for priming and tests). */
    public static Map<String, AttributeValue> imageOf(Claim claim, org.bangfu.core.Need need) {
        return Items.claim(claim, need);
    }

    /** A household's item as the stream shows it (for priming). */
    public static Map<String, AttributeValue> imageOf(org.bangfu.core.Household household) {
        return Items.household(household);
    }

    /** A need's item as the stream shows it (for priming and tests). */
    public static Map<String, AttributeValue> imageOf(org.bangfu.core.Need need) {
        return Items.need(need);
    }

    public static Optional<Claim> claim(Map<String, AttributeValue> image) {
        return "Claim".equals(type(image)) ? Optional.of(Items.toClaim(image)) : Optional.empty();
    }

    /** The need's facts a claim was made with, for scoring. */
    public static Scoring.ClaimContext claimContext(Map<String, AttributeValue> image) {
        return new Scoring.ClaimContext(Items.str(image, "needTitle"), Category.valueOf(Items.str(image, "needCategory")),
                Items.i(image, "needTotal"), image.containsKey("needValueYuan") ? Items.i(image, "needValueYuan") : null,
                new AreaCode(Items.str(image, "areaCode")),
                image.containsKey("fulfilledThrough") ? Items.i(image, "fulfilledThrough") : null);
    }

    public static Optional<Review> review(Map<String, AttributeValue> image) {
        return "Review".equals(type(image)) ? Optional.of(Items.toReview(image)) : Optional.empty();
    }

    public static AreaCode area(Map<String, AttributeValue> image) {
        return new AreaCode(Items.str(image, "areaCode"));
    }

    /** The household a review's need is for (null on reviews written before it was recorded). */
    public static String householdId(Map<String, AttributeValue> image) {
        return image.containsKey("householdId") ? Items.str(image, "householdId") : null;
    }

    /** Who posted a review's need (null on reviews written before it was recorded). */
    public static String posterId(Map<String, AttributeValue> image) {
        return image.containsKey("posterId") ? Items.str(image, "posterId") : null;
    }

    public static String needTitle(Map<String, AttributeValue> image) {
        return Items.str(image, "needTitle");
    }

    /** The counting facts of a need image; empty for any other item (claims, markers, counters…). */
    public static Optional<Milestones.NeedFacts> needFacts(Map<String, AttributeValue> image) {
        if (!"Need".equals(type(image))) return Optional.empty();
        return Optional.of(new Milestones.NeedFacts(Items.str(image, "id"), Category.valueOf(Items.str(image, "category")),
                new AreaCode(Items.str(image, "areaCode")), NeedState.valueOf(Items.str(image, "state")), Items.i(image, "qTotal"),
                Items.i(image, "qRemaining"), instant(image, "publishedAt"), instant(image, "updatedAt")));
    }

    private static Instant instant(Map<String, AttributeValue> image, String name) {
        String v = Items.str(image, name);
        return v == null ? null : Instant.parse(v);
    }

    /** The need of a need item's image (notifications read the before and after of a change). */
    public static Optional<org.bangfu.core.Need> need(Map<String, AttributeValue> image) {
        return "Need".equals(type(image)) ? Optional.of(Items.toNeed(image)) : Optional.empty();
    }

    /** The points of a ledger line's image, as the award that wrote it. */
    public static Optional<org.bangfu.core.Award> ledgerLine(Map<String, AttributeValue> image) {
        if (!"LedgerLine".equals(type(image))) return Optional.empty();
        return Optional.of(new org.bangfu.core.Award(Items.str(image, "key"), Items.str(image, "personId"), Items.str(image, "personName"),
                Items.i(image, "points"), Items.str(image, "rule"), Items.str(image, "reason"), Items.str(image, "needId"),
                new AreaCode(Items.str(image, "areaCode")), Instant.parse(Items.str(image, "at"))));
    }
}
