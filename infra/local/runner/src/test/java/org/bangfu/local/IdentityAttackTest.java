package org.bangfu.local;

import static org.bangfu.local.Expect.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bangfu.lambda.Json;
import org.bangfu.tokens.LocalSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks on sign-in, tokens and appointments, as a dishonest person would try them against the
 * local platform: guessing codes, telling known phones from unknown ones, forging tokens, reusing
 * a refresh token, an admin granting above their level or outside their area, granting to
 * themselves, a dismissed reviewer carrying on, a helper reading the people list.
 */
class IdentityAttackTest {
    private static Api api;

    @BeforeAll
    static void start() {
        api = TestPlatform.api();
    }

    @AfterEach
    void clock() {
        TestPlatform.platform.tokens().shiftClock(Duration.ZERO);
    }

    private static Api.Reply askCode(String phone) {
        return api.askCode(phone);
    }

    private static Api.Reply trade(String phone, String code) {
        return api.post("/api/auth/token", null, Json.object().put("phone", phone).put("code", code));
    }

    private static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    // ---- codes ---------------------------------------------------------------------------------

    @Test
    void aPhoneSignsInWithTheCodeOnceAndANewPhoneBecomesAPersonWithNoRole() {
        String phone = Api.newPhone();
        status(askCode(phone), 202, "code");
        String code = api.codeFor(phone);
        Api.Reply t = status(trade(phone, code), 200, "token");
        assertEquals(900, t.body().path("expiresIn").asInt());
        assertTrue(t.body().path("person").path("roles").isEmpty(), t.toString());
        assertEquals(401, trade(phone, code).status(), "a code works once");
        Api.Reply me = status(api.get("/api/me", Api.session(t).who()), 200, "me");
        assertEquals(t.body().path("person").path("id").asText(), me.body().path("profile").path("id").asText());
        // The same phone is the same person, wherever it comes from next (here: an appointment).
        Api.Who county = api.who(Api.unique("county"), Api.DANYANG, "admin");
        Api.Reply appointed = status(appoint(county, phone, "poster", Api.DONGMEN), 201, "appoint the same phone");
        assertEquals(t.body().path("person").path("id").asText(), appointed.text("id"));
    }

    @Test
    void guessingIsLockedAfterFiveTriesEvenWithTheRightCodeAfterwards() {
        String phone = Api.newPhone();
        status(askCode(phone), 202, "code");
        String code = api.codeFor(phone);
        for (int i = 0; i < 5; i++) {
            Api.Reply r = trade(phone, wrong(code));
            assertEquals(401, r.status(), r.toString());
        }
        Api.Reply locked = trade(phone, code);
        assertEquals(401, locked.status(), locked.toString());
        assertEquals("code_locked", locked.text("error"), locked.toString());
    }

    @Test
    void simultaneousGuessesCannotExceedFiveTries() throws Exception {
        String phone = Api.newPhone();
        status(askCode(phone), 202, "code");
        String code = api.codeFor(phone);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Thread t = Thread.ofVirtual().start(() -> trade(phone, wrong(code)));
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        assertEquals("code_locked", trade(phone, code).text("error"), "12 parallel guesses used up the 5 tries");
    }

    @Test
    void codesAreLimitedPerPhone() {
        String phone = Api.newPhone();
        status(askCode(phone), 202, "first");
        Api.Reply again = askCode(phone);
        assertEquals(429, again.status(), again.toString());
        assertTrue(again.headers().firstValue("retry-after").isPresent());
        assertEquals(1, TestPlatform.platform.outbox().messages(phone).size(), "no second text within the minute");
    }

    @Test
    void knownAndUnknownPhonesGetTheSameAnswersAndTheSameWork() {
        Api.Who county = api.who(Api.unique("county"), Api.DANYANG, "admin");
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String p = Api.newPhone();
            status(appoint(county, p, "poster", Api.DONGMEN), 201, "a person with a role, who has had no code yet");
            known.add(p);
            unknown.add(Api.newPhone());
        }
        Api.Reply a = askCode(known.get(0));
        Api.Reply b = askCode(unknown.get(0));
        assertEquals(202, a.status(), a.toString());
        assertEquals(a.raw(), b.raw(), "sms-code answers alike for a person and for nobody");
        Api.Reply wrongKnown = trade(known.get(0), wrong(api.codeFor(known.get(0))));
        Api.Reply wrongUnknown = trade(unknown.get(0), wrong(api.codeFor(unknown.get(0))));
        assertEquals(401, wrongKnown.status());
        assertEquals(wrongKnown.raw(), wrongUnknown.raw(), "wrong-code answers alike");
        // Timing: nothing on the code path reads people, so both take the same work. Alternate to share any drift.
        long[] k = new long[8];
        long[] u = new long[8];
        for (int i = 0; i < 8; i++) {
            k[i] = millis(known.get(i + 1));
            u[i] = millis(unknown.get(i + 1));
        }
        // The fastest of each: what the work costs without the shared machine's noise on top.
        long km = java.util.Arrays.stream(k).min().orElseThrow();
        long um = java.util.Arrays.stream(u).min().orElseThrow();
        assertTrue(Math.abs(km - um) <= Math.max(50, Math.max(km, um) / 2),
                "no timing difference worth measuring: known " + km + " ms, unknown " + um + " ms");
    }

    private static long millis(String phone) {
        long s = System.nanoTime();
        status(askCode(phone), 202, "code");
        return (System.nanoTime() - s) / 1_000_000;
    }

    @Test
    void codesAreLimitedPerSourceAddress() {
        String source = "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        int sent = 0;
        Api.Reply last = null;
        for (int i = 0; i < 31; i++) {
            last = api.sendBytes("POST", "/api/auth/sms-code", null,
                    Json.write(Json.object().put("phone", Api.newPhone())).getBytes(StandardCharsets.UTF_8), "application/json",
                    java.util.Map.of("X-Forwarded-For", source));
            if (last.status() == 202) sent++;
        }
        assertEquals(30, sent, "30 codes an hour from one address");
        assertEquals(429, last.status(), last.toString());
    }

    // ---- tokens --------------------------------------------------------------------------------

    private static String forged(ECKey key, String issuer, String audience, Instant exp) throws Exception {
        JWTClaimsSet c = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("mallory")
                .issueTime(Date.from(Instant.now().minusSeconds(5))).expirationTime(Date.from(exp))
                .claim("name", "丹阳市民政局").claim("roles", List.of("admin:321181000000")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), c);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void forgedTokensAreRefusedByTheAuthorizer() throws Exception {
        DevTokens tokens = TestPlatform.platform.tokens();
        ECKey real = new ECKey.Builder(tokens.key()).keyID(tokens.key().computeThumbprint().toString()).build();
        String iss = tokens.issuer();
        String aud = TestPlatform.platform.tokens().audience();
        Instant later = Instant.now().plusSeconds(600);
        // The real key signs a good one (the control), then everything else is wrong in one way.
        assertEquals(200, me(forged(real, iss, aud, later)).status(), "control: a token of our key, issuer and audience");
        ECKey other = new ECKey.Builder(LocalSigner.generate()).keyID(real.getKeyID()).build();
        assertEquals(401, me(forged(other, iss, aud, later)).status(), "another key under our kid");
        assertEquals(401, me(forged(real, "https://evil.example", aud, later)).status(), "wrong issuer");
        assertEquals(401, me(forged(real, iss, "another-api", later)).status(), "wrong audience");
        assertEquals(401, me(forged(real, iss, aud, Instant.now().minusSeconds(1))).status(), "expired");
        String[] parts = forged(real, iss, aud, later).split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertEquals(401, me(none).status(), "alg none");
        String hs = Base64URL.encode(("{\"alg\":\"HS256\",\"kid\":\"" + real.getKeyID() + "\"}").getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
        assertEquals(401, me(hs).status(), "alg switched to HS256");
        assertEquals(401, me(parts[0] + "." + parts[1] + "." + Base64URL.encode(new byte[64])).status(), "signature zeroed");
    }

    private static Api.Reply me(String token) {
        return api.get("/api/me", new Api.Who("mallory", token));
    }

    @Test
    void anAccessTokenStopsAfterFifteenMinutes() {
        Api.Session s = api.signIn(Api.newPhone());
        assertEquals(200, api.get("/api/me", s.who()).status());
        TestPlatform.platform.tokens().shiftClock(Duration.ofMinutes(15).plusSeconds(1));
        assertEquals(401, api.get("/api/me", s.who()).status());
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeSignIn() {
        Api.Session s = api.signIn(Api.newPhone());
        Api.Reply first = status(api.post("/api/auth/refresh", null, Json.object().put("refreshToken", s.refreshToken())), 200, "rotate");
        String next = first.text("refreshToken");
        assertNotEquals(s.refreshToken(), next);
        // Someone replays the old one (a stolen copy): refused, and the rightful new one dies with it.
        assertEquals(401, api.post("/api/auth/refresh", null, Json.object().put("refreshToken", s.refreshToken())).status());
        assertEquals(401, api.post("/api/auth/refresh", null, Json.object().put("refreshToken", next)).status(), "family revoked");
    }

    @Test
    void logoutEndsTheRefreshTokens() {
        Api.Session s = api.signIn(Api.newPhone());
        assertEquals(204, api.post("/api/auth/logout", null, Json.object().put("refreshToken", s.refreshToken())).status());
        assertEquals(401, api.post("/api/auth/refresh", null, Json.object().put("refreshToken", s.refreshToken())).status());
    }

    // ---- appointments --------------------------------------------------------------------------

    private static Api.Reply appoint(Api.Who admin, String phone, String role, String area) {
        return api.post("/api/people", admin, Json.object().put("phone", phone).put("name", "被任命者").put("role", role).put("area", area));
    }

    @Test
    void anAdminAppointsOnlyWithinTheirAreaAndAdminsOnlyBelowTheirLevel() {
        Api.Who county = api.who(Api.unique("county"), Api.DANYANG, "admin");
        assertEquals(201, appoint(county, Api.newPhone(), "poster", Api.DONGMEN).status());
        assertEquals(201, appoint(county, Api.newPhone(), "admin", Api.YUNYANG).status(), "a town admin below the county");
        assertEquals(403, appoint(county, Api.newPhone(), "admin", Api.DANYANG).status(), "an admin at their own level");
        assertEquals(403, appoint(county, Api.newPhone(), "admin", "320000000000").status(), "an admin above (the province)");
        assertEquals(403, appoint(county, Api.newPhone(), "council", Api.MIANDU).status(), "outside their area");
        assertEquals(400, appoint(county, Api.newPhone(), "helper", Api.DONGMEN).status(), "helpers sign up, nobody appoints them");
        Api.Who town = api.who(Api.unique("town"), Api.YUNYANG, "admin");
        assertEquals(403, appoint(town, Api.newPhone(), "poster", Api.JIANGSHU).status(), "another town's village");
    }

    /** Appointing a peer admin again, lower down, would dismiss them from their level: refused like a dismissal. */
    @Test
    void anAdminCannotMoveAPeerAdminDownByAppointingThemAgain() {
        Api.Who county = api.who(Api.unique("county"), Api.DANYANG, "admin");
        String peer = Api.newPhone();
        status(appoint(county, peer, "admin", Api.YUNYANG), 201, "town admin");
        Api.Who town = api.who(Api.unique("town"), Api.YUNYANG, "admin");
        Api.Reply moved = appoint(town, peer, "admin", Api.DONGMEN);
        assertEquals(403, moved.status(), "a town admin moving another town admin down to a village: " + moved);
        JsonNode people = status(api.get("/api/people?area=" + Api.YUNYANG + "&role=admin", county), 200, "people").body().path("people");
        assertTrue(people.toString().contains("\"code\":\"" + Api.YUNYANG + "\""), "still the town's admin: " + people);
        assertEquals(201, appoint(county, peer, "admin", Api.DONGMEN).status(), "the county, above them, may move them");
    }

    @Test
    void nobodyGrantsToThemselves() {
        String phone = Api.newPhone();
        Api.Session me = api.signIn(phone);
        Api.Who county = api.who(Api.unique("county"), Api.DANYANG, "admin");
        status(appoint(county, phone, "admin", Api.YUNYANG), 201, "town admin");
        Api.Reply r = api.post("/api/auth/refresh", null, Json.object().put("refreshToken", me.refreshToken()));
        Api.Who townAdmin = Api.session(status(r, 200, "refresh")).who();
        assertEquals(403, appoint(townAdmin, phone, "poster", Api.DONGMEN).status(), "self-grant");
        assertEquals(403, api.delete("/api/people/" + me.personId() + "/roles/admin", townAdmin, null).status(), "self-dismissal");
    }

    @Test
    void anAppointedCadreAndReviewersWorkAtOnceAndADismissedReviewerStopsWithTheToken() {
        Api.Who county = api.who(Api.unique("county"), Api.DANYANG, "admin");
        String cadre = Api.newPhone();
        String council = Api.newPhone();
        String volunteer = Api.newPhone();
        status(appoint(county, cadre, "poster", Api.DONGMEN), 201, "poster");
        status(appoint(county, council, "council", Api.DONGMEN), 201, "council");
        status(appoint(county, volunteer, "volunteer", Api.YUNYANG), 201, "volunteer");
        Api.Session poster = api.signIn(cadre);
        Api.Session reviewer = api.signIn(council);
        Api.Session second = api.signIn(volunteer);
        Api.Village v = new Api.Village(Api.DONGMEN, poster.who(), reviewer.who(), second.who(), county);
        String published = api.publishedNeed(v, "MEDICAL", 1);
        assertEquals("PUBLISHED", api.get("/api/needs/" + published, null).text("state"));
        JsonNode list = status(api.get("/api/people?area=" + Api.DONGMEN, county), 200, "people").body().path("people");
        assertTrue(list.toString().contains(reviewer.personId()) && list.toString().contains(cadre), list.toString());

        // Dismissed: the token in hand works until it expires (at most 15 minutes), refresh never grants it again.
        status(api.delete("/api/people/" + reviewer.personId() + "/roles/council", county, null), 200, "dismiss");
        String pending = api.postNeed(v, "EDUCATION", 1);
        TestPlatform.platform.tokens().shiftClock(Duration.ofMinutes(16));
        assertEquals(401, api.post("/api/needs/" + pending + "/reviews", reviewer.who(), Json.object().put("decision", "approve")).status(),
                "the old token has expired");
        TestPlatform.platform.tokens().shiftClock(Duration.ZERO);
        Api.Reply r = status(api.post("/api/auth/refresh", null, Json.object().put("refreshToken", reviewer.refreshToken())), 200, "refresh");
        assertFalse(r.body().path("person").path("roles").toString().contains("council"), r.toString());
        assertEquals(403, api.post("/api/needs/" + pending + "/reviews", Api.session(r).who(), Json.object().put("decision", "approve")).status(),
                "a dismissed reviewer no longer reviews");
        // The audit trail says who did it.
        JsonNode changes = api.get("/api/people?area=" + Api.DONGMEN, county).body().path("changes");
        assertTrue(changes.toString().contains("dismiss-role") && changes.toString().contains(county.sub()), changes.toString());
    }

    @Test
    void aHelperCannotReadThePeopleList() {
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        assertEquals(403, api.get("/api/people", helper).status());
        assertEquals(403, api.get("/api/people?area=" + Api.DONGMEN, helper).status());
        Api.Who poster = api.who(Api.unique("poster"), Api.DONGMEN, "poster");
        assertEquals(403, api.get("/api/people", poster).status(), "a cadre is no admin");
        Api.Who town = api.who(Api.unique("town"), Api.YUNYANG, "admin");
        assertEquals(403, api.get("/api/people?area=" + Api.DANYANG, town).status(), "wider than their own area");
    }

    @Test
    void anyoneSignedInBecomesAHelperAndClaims() {
        Api.Session s = api.signIn(Api.newPhone());
        assertEquals(200, api.post("/api/me/helper", s.who(), Json.object().put("name", "热心市民").put("about", "周末有空")).status());
        Api.Reply r = status(api.post("/api/auth/refresh", null, Json.object().put("refreshToken", s.refreshToken())), 200, "refresh");
        assertTrue(r.body().path("person").path("roles").toString().contains("helper"), r.toString());
        assertEquals("热心市民", r.body().path("person").path("name").asText());
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "DISABILITY", 1);
        assertEquals(201, api.post("/api/needs/" + id + "/claims", Api.session(r).who(), null).status());
    }
}
