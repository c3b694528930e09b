package org.bangfu.fn.statsaggregator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.core.Milestones.Kind;
import org.bangfu.core.Milestones.Milestone;
import org.junit.jupiter.api.Test;

/** Which stream records reach a milestone, from images shaped as Lambda delivers them. */
class StatsAggregatorHandlerTest {
    private static Map<String, AttributeValue> need(String state, int remaining, String publishedAt, String updatedAt) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("pk", new AttributeValue().withS("NEED#nabcdefghjkmn"));
        m.put("sk", new AttributeValue().withS("NEED"));
        m.put("type", new AttributeValue().withS("Need"));
        m.put("id", new AttributeValue().withS("nabcdefghjkmn"));
        m.put("category", new AttributeValue().withS("MEDICAL"));
        m.put("areaCode", new AttributeValue().withS("321181001201"));
        m.put("state", new AttributeValue().withS(state));
        m.put("qTotal", new AttributeValue().withN("2"));
        m.put("qRemaining", new AttributeValue().withN(Integer.toString(remaining)));
        if (publishedAt != null) m.put("publishedAt", new AttributeValue().withS(publishedAt));
        m.put("updatedAt", new AttributeValue().withS(updatedAt));
        m.put("approved", new AttributeValue().withBOOL(true)); // any other attribute type converts too
        m.put("tags", new AttributeValue().withL(List.of(new AttributeValue().withS("x"))));
        return m;
    }

    private static DynamodbEvent.DynamodbStreamRecord record(String name, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
        r.setEventName(name);
        StreamRecord s = new StreamRecord();
        s.setOldImage(before);
        s.setNewImage(after);
        s.setSequenceNumber("1");
        r.setDynamodb(s);
        return r;
    }

    private static List<Kind> kinds(DynamodbEvent.DynamodbStreamRecord r) {
        return StatsAggregatorHandler.milestonesOf(r).stream().map(Milestone::kind).toList();
    }

    @Test
    void needImagesReachTheirMilestones() {
        var pending = need("PENDING_REVIEW", 2, null, "2026-01-01T00:00:00Z");
        var published = need("PUBLISHED", 2, "2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z");
        var claimed = need("PUBLISHED", 1, "2026-01-02T00:00:00Z", "2026-01-06T00:00:00Z");
        var fulfilled = need("FULFILLED", 0, "2026-01-02T00:00:00Z", "2026-01-20T00:00:00Z");
        assertEquals(List.of(), kinds(record("INSERT", null, pending)));
        assertEquals(List.of(Kind.PUBLISHED), kinds(record("MODIFY", pending, published)));
        assertEquals(List.of(Kind.FIRST_CLAIM), kinds(record("MODIFY", published, claimed)));
        Milestone done = StatsAggregatorHandler.milestonesOf(record("MODIFY", claimed, fulfilled)).get(0);
        assertEquals(Kind.FULFILLED, done.kind());
        assertEquals(4, done.bucket(), "18 days: the 14–30 bucket");
        assertEquals("nabcdefghjkmn#FULFILLED", done.key());
    }

    @Test
    void otherItemsAndRemovalsReachNothing() {
        Map<String, AttributeValue> claim = new HashMap<>();
        claim.put("type", new AttributeValue().withS("Claim"));
        claim.put("state", new AttributeValue().withS("CONFIRMED"));
        Map<String, AttributeValue> counter = Map.of("pk", new AttributeValue().withS("STATS#TOTAL"), "published", new AttributeValue().withN("3"));
        assertEquals(List.of(), kinds(record("INSERT", null, claim)));
        assertEquals(List.of(), kinds(record("MODIFY", counter, counter)));
        assertEquals(List.of(), kinds(record("REMOVE", need("PUBLISHED", 2, "2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z"), null)));
    }
}
