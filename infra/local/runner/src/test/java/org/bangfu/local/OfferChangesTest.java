package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.time.YearMonth;
import java.util.Map;
import org.bangfu.lambda.Json;
import org.bangfu.store.Dynamo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

/**
 * An offerer withdraws or edits an offer, through the gateway on DynamoDB Local: who may, what it
 * does to the public list, its proposals and its share card, and that an edit never leaves it
 * over-committed, however acceptances arrive.
 */
class OfferChangesTest {
    private final Api api = TestPlatform.api();

    private record Company(String org, Api.Who owner, Api.Who member) {
    }

    private Company company(Api.Village v) {
        Api.Who owner = api.who(Api.unique("company"), null, "helper");
        Api.Who member = api.withPhone("member");
        String org = SupplyTest.verifiedCompany(api, owner, v.admin());
        assertEquals(201, api.post("/api/organisations/" + org + "/members", owner, Api.asMember(member, "小周")).status());
        return new Company(org, owner, member);
    }

    private Api.Reply patch(String offer, Api.Who who, ObjectNode body) {
        return api.send("PATCH", "/api/offers/" + offer, who, Json.write(body), "application/json");
    }

    private long version(String offer) {
        return api.get("/api/offers/" + offer, null).body().path("version").asLong();
    }

    /** On the public list: every page of the county's offers in that window (the shared table holds many). */
    private boolean listed(String offer, String category) {
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            Api.Reply reply = api.get("/api/offers?area=" + Api.DANYANG + "&category=" + category + "&limit=50"
                    + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertEquals(200, reply.status(), reply.toString());
            JsonNode r = reply.body();
            for (JsonNode o : r.path("items")) if (o.path("id").asText().equals(offer)) return true;
            if (r.path("next").isNull() || r.path("next").isMissingNode()) return false;
            cursor = r.path("next").asText();
        }
        throw new AssertionError("too many pages");
    }

    @Test
    void aMemberWithdrawsAnOfferItLeavesTheListItsWaitingProposalsAreDeclinedAndClaimsStay() {
        Api.Village v = api.village(Api.DONGMEN);
        Company c = company(v);
        Company other = company(v);
        String offer = SupplyTest.offer(api, c.owner(), c.org(), 5, "DISABILITY");
        String acceptedNeed = api.publishedNeed(v, "DISABILITY", 1);
        String p1 = SupplyTest.propose(api, v.poster(), offer, acceptedNeed);
        Api.Reply accepted = SupplyTest.answer(api, c.member(), offer, p1, "accept");
        assertEquals(200, accepted.status(), accepted.toString());
        String claim = accepted.body().path("claim").path("id").asText();
        String p2 = SupplyTest.propose(api, v.poster(), offer, api.publishedNeed(v, "DISABILITY", 1));
        assertTrue(listed(offer, "DISABILITY"));
        String open = api.get("/share/offer/" + offer, null).raw();
        assertTrue(open.contains("og:url\" content=\"") && open.contains("/share/offer/" + offer), open);
        assertTrue(open.contains("还有 4/5 台"), open);
        assertFalse(open.contains("13900002222") || open.contains("周经理"), "no contact of the offerer on the card");
        assertEquals(404, api.get("/share/offer/fzzzzzzzzzzzz", null).status());

        // Nobody else takes it down: another company's member, a helper, an admin of another county; unknown ids are 404.
        assertEquals(403, api.delete("/api/offers/" + offer, other.member(), Json.object().put("reason", "不是我们的")).status());
        assertEquals(403, api.delete("/api/offers/" + offer, api.who(Api.unique("helper"), null, "helper"), null).status());
        assertEquals(403, api.delete("/api/offers/" + offer, api.who(Api.unique("admin"), "430225000000", "admin"),
                Json.object().put("reason", "别的县")).status());
        assertEquals(400, api.delete("/api/offers/" + offer, v.admin(), null).status(), "an admin says why");
        assertEquals(404, api.delete("/api/offers/fzzzzzzzzzzzz", c.member(), null).status());
        assertEquals(404, api.delete("/api/offers/nonsense", c.member(), null).status());
        assertTrue(listed(offer, "DISABILITY"), "nothing changed");

        Api.Reply w = api.delete("/api/offers/" + offer, c.member(), Json.object().put("reason", "库存已调往别处"));
        assertEquals(200, w.status(), w.toString());
        assertEquals("WITHDRAWN", w.body().path("offer").path("state").asText());
        assertEquals(1, w.body().path("declinedProposals").asInt());
        assertEquals("WITHDRAWN", api.get("/api/offers/" + offer, null).body().path("state").asText());
        assertFalse(listed(offer, "DISABILITY"), "off the public list at once");

        // The poster sees the waiting proposal declined, with the reason; the accepted one is still a claim.
        JsonNode mine = api.get("/api/me/supply", v.poster()).body().path("proposals");
        JsonNode declined = null;
        JsonNode kept = null;
        for (JsonNode p : mine) {
            if (p.path("id").asText().equals(p2)) declined = p;
            if (p.path("id").asText().equals(p1)) kept = p;
        }
        assertNotNull(declined, mine.toString());
        assertEquals("DECLINED", declined.path("state").asText());
        assertTrue(declined.path("reason").asText().contains("库存已调往别处"), declined.toString());
        assertEquals("ACCEPTED", kept.path("state").asText());
        assertEquals("CLAIMED", api.get("/api/needs/" + acceptedNeed, null).body().path("state").asText());

        // Gone for good: again is 409, so is an edit, a proposal, an answer; a claim given back does not list it again.
        assertEquals(409, api.delete("/api/offers/" + offer, c.owner(), null).status());
        assertEquals(409, patch(offer, c.owner(), Json.object().put("version", version(offer)).put("title", "再试一次")).status());
        assertEquals(409, api.post("/api/offers/" + offer + "/proposals", v.poster(), Json.object().put("needId", api.publishedNeed(v, "DISABILITY", 1))).status());
        assertEquals(409, SupplyTest.answer(api, c.member(), offer, p2, "accept").status());
        assertEquals(200, api.delete("/api/needs/" + acceptedNeed + "/claims/" + claim, c.member(), null).status());
        assertEquals(5, api.get("/api/offers/" + offer, null).body().path("remaining").asInt(), "the unit is back (the index keys too)");
        assertFalse(listed(offer, "DISABILITY"), "a give-back does not list a withdrawn offer again");
        assertEquals("WITHDRAWN", api.get("/api/offers/" + offer, null).body().path("state").asText());

        // Its share card says so; a used-up offer cannot be withdrawn (nothing to take down).
        Api.Reply card = api.get("/share/offer/" + offer, null);
        assertEquals(200, card.status());
        assertTrue(card.raw().contains("已不可认领"), card.raw());
        String usedUp = SupplyTest.offer(api, c.owner(), c.org(), 1, "DISABILITY");
        String p3 = SupplyTest.propose(api, v.poster(), usedUp, api.publishedNeed(v, "DISABILITY", 1));
        assertEquals(200, SupplyTest.answer(api, c.owner(), usedUp, p3, "accept").status());
        assertEquals(409, api.delete("/api/offers/" + usedUp, c.owner(), null).status(), "used up");

        // An admin of the offer's area may take one down, with a reason; a person's own offer only they may.
        Api.Who person = api.who(Api.unique("helper"), null, "helper");
        String own = SupplyTest.offer(api, person, null, 3, "MEDICAL");
        assertEquals(403, api.delete("/api/offers/" + own, c.member(), null).status());
        Api.Reply byAdmin = api.delete("/api/offers/" + own, v.admin(), Json.object().put("reason", "信息不实"));
        assertEquals(200, byAdmin.status(), byAdmin.toString());
        assertFalse(listed(own, "MEDICAL"));
    }

    @Test
    void anEditNeverGoesBelowWhatIsCommittedAndIsVersionChecked() {
        Api.Village v = api.village(Api.DONGMEN);
        Company c = company(v);
        Company other = company(v);
        String offer = SupplyTest.offer(api, c.owner(), c.org(), 5, "EDUCATION");
        for (int i = 0; i < 2; i++) {
            String p = SupplyTest.propose(api, v.poster(), offer, api.publishedNeed(v, "EDUCATION", 1));
            assertEquals(200, SupplyTest.answer(api, c.member(), offer, p, "accept").status());
        }
        long ver = version(offer);
        assertEquals(403, patch(offer, other.member(), Json.object().put("version", ver).put("quantity", 9)).status());
        assertEquals(403, patch(offer, v.admin(), Json.object().put("version", ver).put("quantity", 9)).status(), "admins withdraw, not edit");
        assertEquals(404, patch("fzzzzzzzzzzzz", c.owner(), Json.object().put("version", 1).put("quantity", 9)).status());
        Api.Reply below = patch(offer, c.member(), Json.object().put("version", ver).put("quantity", 1));
        assertEquals(409, below.status(), below.toString());
        assertEquals("below_committed", below.text("code"), below.toString());
        Api.Reply stale = patch(offer, c.member(), Json.object().put("version", ver - 1).put("title", "旧版本"));
        assertEquals(409, stale.status(), "stale");
        assertEquals("offer_changed", stale.text("code"), stale.toString());
        Api.Reply fixed = patch(offer, c.member(), Json.object().put("version", ver).put("category", "MEDICAL"));
        assertEquals(409, fixed.status(), "window fixed once committed");
        assertEquals("offer_fixed", fixed.text("code"), fixed.toString());
        assertEquals(409, patch(offer, c.member(), Json.object().put("version", ver).put("areaCode", Api.DONGMEN)).status(), "area too");
        for (ObjectNode bad : List.of(Json.object().put("quantity", 3), Json.object().put("version", ver).put("quantity", 0),
                Json.object().put("version", ver).put("until", Api.today().minusDays(1).toString()),
                Json.object().put("version", ver).put("organisationId", "o123"), Json.object().put("version", ver).put("category", "NOPE"))) {
            Api.Reply r = patch(offer, c.member(), bad);
            assertEquals(400, r.status(), bad + " → " + r);
        }
        assertEquals(5, api.get("/api/offers/" + offer, null).body().path("quantity").asInt(), "nothing changed");

        // Down to what is committed: used up and delisted; up again: listed with the difference.
        Api.Reply exact = patch(offer, c.member(), Json.object().put("version", ver).put("quantity", 2));
        assertEquals(200, exact.status(), exact.toString());
        assertEquals(0, exact.body().path("remaining").asInt());
        assertEquals("USED_UP", exact.body().path("state").asText());
        assertFalse(listed(offer, "EDUCATION"));
        assertEquals(409, patch(offer, c.member(), Json.object().put("version", ver).put("quantity", 4)).status(), "the same version twice");
        Api.Reply more = patch(offer, c.owner(), Json.object().put("version", exact.body().path("version").asLong()).put("quantity", 4)
                .put("title", "助学书包").put("until", Api.today().plusDays(90).toString()));
        assertEquals(200, more.status(), more.toString());
        assertEquals(2, more.body().path("remaining").asInt());
        assertEquals("助学书包", more.body().path("title").asText());
        assertEquals(Api.today().plusDays(90).toString(), more.body().path("until").asText());
        assertTrue(listed(offer, "EDUCATION"), "listed again, under its new date");

        // Nothing committed yet: the window and area may change, and a waiting proposal (which no longer fits) is declined.
        String fresh = SupplyTest.offer(api, c.owner(), c.org(), 3, "EDUCATION");
        String waiting = SupplyTest.propose(api, v.poster(), fresh, api.publishedNeed(v, "EDUCATION", 1));
        Api.Reply moved = patch(fresh, c.owner(), Json.object().put("version", version(fresh)).put("category", "MEDICAL"));
        assertEquals(200, moved.status(), moved.toString());
        assertEquals("MEDICAL", moved.body().path("category").asText());
        assertEquals(409, SupplyTest.answer(api, c.owner(), fresh, waiting, "accept").status(), "declined by the move");
        assertTrue(listed(fresh, "MEDICAL"));
        assertFalse(listed(fresh, "EDUCATION"));
    }

    /**
     * A monthly offer whose count is last month's (all 5 taken then): this month it is full again, so
     * a shrink is a plain 200; below what this month holds is a clear 409, never a 503 after retries.
     */
    @Test
    void aMonthlyOfferShrinksFromLastMonthsCountAndNeverBelowThisMonths() {
        Api.Village v = api.village(Api.DONGMEN);
        Company c = company(v);
        Api.Reply made = api.post("/api/offers", c.owner(), SupplyTest.offerBody(c.org(), 5, "MEDICAL").put("capacity", "MONTHLY"));
        assertEquals(201, made.status(), made.toString());
        String offer = made.text("id");
        // Last month took all 5 (as the accept writes it: its month, what was left, a new version).
        String last = YearMonth.from(Api.today()).minusMonths(1).toString();
        Dynamo.client().updateItem(r -> r.tableName(LocalPlatform.TABLE)
                .key(Map.of("pk", AttributeValue.fromS("OFFER#" + offer), "sk", AttributeValue.fromS("OFFER")))
                .updateExpression("SET capPeriod = :m, remaining = :zero, version = version + :one")
                .expressionAttributeValues(Map.of(":m", AttributeValue.fromS(last), ":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1"))));
        JsonNode read = api.get("/api/offers/" + offer, null).body();
        assertEquals(5, read.path("remaining").asInt(), "a new month starts full: " + read);
        Api.Reply shrunk = patch(offer, c.owner(), Json.object().put("version", read.path("version").asLong()).put("quantity", 3));
        assertEquals(200, shrunk.status(), shrunk.toString());
        assertEquals(3, shrunk.body().path("remaining").asInt(), shrunk.toString());

        // This month takes 2: the quantity can go down to 2, not below (409 below_committed).
        for (int i = 0; i < 2; i++) {
            String p = SupplyTest.propose(api, v.poster(), offer, api.publishedNeed(v, "MEDICAL", 1));
            assertEquals(200, SupplyTest.answer(api, c.member(), offer, p, "accept").status());
        }
        long ver = version(offer);
        Api.Reply below = patch(offer, c.owner(), Json.object().put("version", ver).put("quantity", 1));
        assertEquals(409, below.status(), below.toString());
        assertEquals("below_committed", below.text("code"), below.toString());
        Api.Reply exact = patch(offer, c.owner(), Json.object().put("version", ver).put("quantity", 2));
        assertEquals(200, exact.status(), exact.toString());
        assertEquals("FULL_THIS_MONTH", exact.body().path("state").asText(), exact.toString());
    }

    /** Acceptances and a shrink at the same moment: whichever wins, what is committed never exceeds the quantity. */
    @Test
    void concurrentAcceptancesAndAShrinkNeverOverCommit() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        Company c = company(v);
        List<Api.Who> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api.Who m = api.withPhone("member");
            assertEquals(201, api.post("/api/organisations/" + c.org() + "/members", c.owner(), Api.asMember(m, "成员" + i)).status());
            members.add(m);
        }
        for (int round = 0; round < 3; round++) {
            String offer = SupplyTest.offer(api, c.owner(), c.org(), 4, "DAILY_LIVING");
            List<String> proposals = new ArrayList<>();
            for (int i = 0; i < 4; i++) proposals.add(SupplyTest.propose(api, v.poster(), offer, api.publishedNeed(v, "DAILY_LIVING", 1)));
            long ver = version(offer);
            List<Api.Reply> replies = SupplyTest.race(5, i -> i == 4
                    ? patch(offer, c.owner(), Json.object().put("version", ver).put("quantity", 2))
                    : SupplyTest.answer(api, members.get(i), offer, proposals.get(i), "accept"));
            replies.forEach(r -> assertTrue(r.status() == 200 || r.status() == 409, r.toString()));
            long won = replies.subList(0, 4).stream().filter(r -> r.status() == 200).count();
            boolean shrunk = replies.get(4).status() == 200;
            JsonNode o = api.get("/api/offers/" + offer, null).body();
            int quantity = o.path("quantity").asInt();
            assertEquals(shrunk ? 2 : 4, quantity, o.toString());
            assertTrue(won <= quantity, "over-committed: " + won + " of " + quantity + " " + replies.stream().map(Api.Reply::status).toList());
            assertEquals(quantity - won, o.path("remaining").asInt(), o.toString());
        }
    }

    /** Every proposal of an offer as stored (consistent), by id. */
    private static Map<String, Map<String, AttributeValue>> stored(String offer) {
        Map<String, Map<String, AttributeValue>> out = new java.util.HashMap<>();
        Dynamo.client().queryPaginator(q -> q.tableName(LocalPlatform.TABLE).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("OFFER#" + offer), ":p", AttributeValue.fromS("PROPOSAL#"))))
                .items().forEach(m -> out.put(m.get("id").s(), m));
        return out;
    }

    /**
     * Posters propose while the offerer withdraws and members accept, all at once (issue 16): a
     * proposal made while the offer is being withdrawn is refused (409 offer_closed) or declined with
     * the others, never left waiting on the withdrawn offer; what the offer says is taken is exactly
     * what the accepted proposals hold.
     */
    @Test
    void proposalsRacingAWithdrawalAreNeverLeftWaitingAndTheCountsAgree() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        Company c = company(v);
        int proposers = 12;
        for (int round = 0; round < 5; round++) {
            List<Api.Who> members = new ArrayList<>(); // new ones each round: a helper holds few open claims
            for (int i = 0; i < 3; i++) {
                Api.Who m = api.who(Api.unique("member"), null, "helper");
                assertEquals(201, api.post("/api/organisations/" + c.org() + "/members", c.owner(), Json.object().put("personId", m.sub()).put("name", "成员" + i)).status());
                members.add(m);
            }
            String offer = SupplyTest.offer(api, c.owner(), c.org(), 5, "EMPLOYMENT");
            List<String> waiting = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) waiting.add(SupplyTest.propose(api, v.poster(), offer, api.publishedNeed(v, "EMPLOYMENT", 1)));
            List<String> fresh = new ArrayList<>();
            for (int i = 0; i < proposers; i++) fresh.add(api.publishedNeed(v, "EMPLOYMENT", 1));
            // 0: the withdrawal; 1..3: acceptances of waiting proposals; the rest: new proposals.
            List<Api.Reply> replies = SupplyTest.race(1 + members.size() + proposers, i -> i == 0
                    ? api.delete("/api/offers/" + offer, c.owner(), Json.object().put("reason", "名额已满"))
                    : i <= members.size() ? SupplyTest.answer(api, members.get(i - 1), offer, waiting.get(i - 1), "accept")
                    : api.post("/api/offers/" + offer + "/proposals", v.poster(), Json.object().put("needId", fresh.get(i - 1 - members.size()))));
            Api.Reply withdrawal = replies.get(0);
            assertEquals(200, withdrawal.status(), withdrawal.toString());
            for (Api.Reply r : replies.subList(1, replies.size())) {
                assertTrue(r.status() == 200 || r.status() == 201 || r.status() == 409, r.toString());
                if (r.status() == 409) assertEquals("offer_closed", r.text("code"), r.toString());
            }

            Map<String, Map<String, AttributeValue>> all = stored(offer);
            List<String> left = all.values().stream().filter(m -> m.get("state").s().equals("PROPOSED")).map(m -> m.get("id").s()).toList();
            assertEquals(List.of(), left, "round " + round + ": waiting on a withdrawn offer");
            long made = replies.subList(1 + members.size(), replies.size()).stream().filter(r -> r.status() == 201).count();
            assertEquals(members.size() + made, all.size(), "every 201 is a stored proposal, no 409 is");
            long accepted = replies.subList(1, 1 + members.size()).stream().filter(r -> r.status() == 200).count();
            assertEquals(accepted, all.values().stream().filter(m -> m.get("state").s().equals("ACCEPTED")).count());
            assertEquals(all.size() - accepted, withdrawal.body().path("declinedProposals").asInt(), "the withdrawal declined all the others");
            JsonNode o = api.get("/api/offers/" + offer, null).body();
            assertEquals("WITHDRAWN", o.path("state").asText(), o.toString());
            assertEquals(5 - accepted, o.path("remaining").asInt(), "taken = accepted: " + o);
        }
    }

    /**
     * A dishonest or late offerer accepts through a withdrawn offer: 409 offer_closed, nothing taken,
     * also for a proposal left waiting (as if a withdrawal had stopped before its sweep), which a
     * repeated withdrawal then declines.
     */
    @Test
    void acceptingAProposalOfAWithdrawnOfferIs409OfferClosed() {
        Api.Village v = api.village(Api.DONGMEN);
        Company c = company(v);
        String offer = SupplyTest.offer(api, c.owner(), c.org(), 3, "HOME_IMPROVEMENT");
        String need = api.publishedNeed(v, "HOME_IMPROVEMENT", 1);
        String p = SupplyTest.propose(api, v.poster(), offer, need);
        assertEquals(200, api.delete("/api/offers/" + offer, c.owner(), null).status());
        Api.Reply late = SupplyTest.answer(api, c.member(), offer, p, "accept");
        assertEquals(409, late.status(), late.toString());
        assertEquals("offer_closed", late.text("code"), late.toString());

        // Left waiting on the withdrawn offer, written straight into the table.
        Dynamo.client().updateItem(r -> r.tableName(LocalPlatform.TABLE)
                .key(Map.of("pk", AttributeValue.fromS("OFFER#" + offer), "sk", AttributeValue.fromS("PROPOSAL#" + p)))
                .updateExpression("SET #s = :p REMOVE answeredBy, answeredAt, reason").expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PROPOSED"))));
        Api.Reply leftover = SupplyTest.answer(api, c.member(), offer, p, "accept");
        assertEquals(409, leftover.status(), leftover.toString());
        assertEquals("offer_closed", leftover.text("code"), leftover.toString());
        assertEquals(3, api.get("/api/offers/" + offer, null).body().path("remaining").asInt(), "nothing taken");
        assertEquals("PUBLISHED", api.get("/api/needs/" + need, null).body().path("state").asText(), "no claim");

        Api.Reply again = api.delete("/api/offers/" + offer, c.member(), null);
        assertEquals(409, again.status(), again.toString());
        assertEquals("offer_closed", again.text("code"), again.toString());
        assertEquals("DECLINED", stored(offer).get(p).get("state").s(), "the repeat declined the leftover");
        assertEquals(403, api.delete("/api/offers/" + offer, api.who(Api.unique("helper"), null, "helper"), null).status());
    }
}
