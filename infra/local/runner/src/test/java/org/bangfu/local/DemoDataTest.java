package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumSet;
import java.util.Set;
import org.bangfu.lambda.Services;
import org.bangfu.core.Need;
import org.bangfu.core.NeedState;
import org.junit.jupiter.api.Test;

/** The demo a newcomer sees: every state of the lifecycle present, and the public view still clean. */
class DemoDataTest {
    @Test
    void demoDataHasNeedsInEveryReachableStateAndTheDemoPeopleSignInAndGetTheirSms() {
        Api api = TestPlatform.api();
        new DemoData(Services.live(), LocalPlatform.demoUsers()).load();
        Set<NeedState> states = EnumSet.noneOf(NeedState.class);
        for (String poster : new String[] {"li-shuji", "zhou-zhuren", "yanling-poster"}) {
            for (Need n : Services.live().listings().postedBy(poster, 50)) states.add(n.state());
        }
        assertEquals(EnumSet.of(NeedState.PENDING_REVIEW, NeedState.PUBLISHED, NeedState.CLAIMED, NeedState.DELIVERED,
                NeedState.FULFILLED, NeedState.REJECTED), states);
        assertEquals(200, api.get("/api/dev/users", null).status());
        for (var u : LocalPlatform.demoUsers()) {
            String[] groups = new String[u.path("groups").size()];
            for (int i = 0; i < groups.length; i++) groups[i] = u.path("groups").get(i).asText();
            Api.Who who = api.who(u.path("sub").asText(), u.path("area").isNull() ? null : u.path("area").asText(), groups);
            assertEquals(200, api.get("/api/me", who).status(), u.toString());
        }
        // The demo people are people as identity keeps them: each has a phone to sign in with, and the
        // SMS of a notice that asks for action goes there (li-shuji's 学习桌椅 was reported delivered).
        Api.Session poster = api.signIn("+8615000000001");
        assertEquals("li-shuji", poster.personId());
        assertTrue(poster.person().path("roles").toString().contains("poster"), poster.person().toString());
        SmsNoticesTest.replayAtNoon("li-shuji"); // at noon: the live pump may have run in quiet hours
        var outbox = api.get("/api/dev/sms?phone=%2B8615000000001", null).body().path("messages").toString();
        assertTrue(outbox.contains("notice.claim-delivered"), outbox);
        String listing = api.get("/api/needs?limit=50", null).raw();
        assertFalse(listing.contains("王德福") || listing.contains("13800001"), "no household names or phones in public");
    }
}
