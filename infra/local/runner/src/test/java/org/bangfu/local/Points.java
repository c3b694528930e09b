package org.bangfu.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import org.bangfu.lambda.Services;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Lifecycle;
import org.bangfu.fn.claimhygiene.ClaimHygieneHandler;

/** Helpers for tests of what happens later: the stream catching up, the scheduler running days from now. */
final class Points {
    private Points() {
    }

    /** The claim-hygiene function as it would run {@code ahead} from now, over the platform's table. */
    static ClaimHygieneHandler hygieneAt(Duration ahead) {
        TestPlatform.api();
        Services live = Services.live();
        return new ClaimHygieneHandler(live.with(new Lifecycle(Clock.offset(Clock.systemUTC(), ahead), AreaRegistry.bundled())));
    }

    /** /api/me once the stream has given this person at least {@code total} points (fails after 30 s). */
    static JsonNode awaitPoints(Api api, Api.Who who, int total) {
        long until = System.currentTimeMillis() + 30_000;
        JsonNode me = null;
        while (System.currentTimeMillis() < until) {
            me = api.get("/api/me", who).body();
            if (me.path("points").path("total").asInt() >= total) return me;
            sleep(100);
        }
        throw new AssertionError("points never reached " + total + ": " + me);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
