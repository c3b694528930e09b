package org.bangfu.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Claim;
import org.bangfu.core.Milestones;
import org.bangfu.core.NeedState;
import org.bangfu.core.Review;
import org.bangfu.core.Scoring;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the items of the table as they appear in its change stream (old and new images). */
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

    /** The SDK's model to Lambda's event model: an item as a stream record carries it (for priming). */
    public static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toEvent(Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new java.util.HashMap<>();
        item.forEach((k, v) -> {
            var a = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
            if (v.s() != null) a.setS(v.s());
            else if (v.n() != null) a.setN(v.n());
            else if (v.bool() != null) a.setBOOL(v.bool());
            out.put(k, a);
        });
        return out;
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
                new AreaCode(Items.str(image, "areaCode")));
    }

    public static Optional<Review> review(Map<String, AttributeValue> image) {
        return "Review".equals(type(image)) ? Optional.of(Items.toReview(image)) : Optional.empty();
    }

    public static AreaCode area(Map<String, AttributeValue> image) {
        return new AreaCode(Items.str(image, "areaCode"));
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

    /** Lambda's stream event model to the SDK's, so the item readers above apply unchanged. */
    public static Map<String, AttributeValue> of(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) return null;
        Map<String, AttributeValue> out = new HashMap<>();
        image.forEach((k, v) -> out.put(k, convert(v)));
        return out;
    }

    static AttributeValue convert(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) return AttributeValue.fromS(v.getS());
        if (v.getN() != null) return AttributeValue.fromN(v.getN());
        if (v.getBOOL() != null) return AttributeValue.fromBool(v.getBOOL());
        if (v.getNULL() != null) return AttributeValue.fromNul(v.getNULL());
        if (v.getM() != null) return AttributeValue.fromM(of(v.getM()));
        if (v.getL() != null) return AttributeValue.fromL(v.getL().stream().map(StreamImages::convert).toList());
        if (v.getSS() != null) return AttributeValue.fromSs(v.getSS());
        if (v.getNS() != null) return AttributeValue.fromNs(v.getNS());
        if (v.getB() != null) return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        if (v.getBS() != null) return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        throw new IllegalArgumentException("empty attribute value");
    }
}
