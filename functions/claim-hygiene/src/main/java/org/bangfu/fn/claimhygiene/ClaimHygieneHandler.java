package org.bangfu.fn.claimhygiene;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Log;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.core.Claim;
import org.bangfu.core.DomainException;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.Notifications;
import org.bangfu.store.Listings;
import org.bangfu.store.Retry;
import org.crac.Core;
import org.crac.Resource;

/**
 * On a schedule: claims not reported delivered by their due date are released (the need goes back
 * on the public list, or expires if its own deadline has passed), and published needs nobody
 * claimed by their deadline expire. Both through the lifecycle and the same guarded writes as a
 * person's request, so a helper reporting delivery at the same moment simply wins or loses cleanly.
 */
public final class ClaimHygieneHandler implements RequestHandler<Map<String, Object>, String>, Resource {
    private static final int BATCH = 200;
    private final Services services;

    public ClaimHygieneHandler() {
        this(Services.live());
    }

    public ClaimHygieneHandler(Services services) {
        this.services = services;
        if (!Priming.active()) Core.getGlobalContext().register(this);
    }

    /** SnapStart priming: a twin on the canned table, forty days on, releases an overdue claim and expires a need. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(() -> {
            Priming.World w = Priming.world(services);
            Lifecycle later = new Lifecycle(Clock.offset(Clock.systemUTC(), Duration.ofDays(40)), services.areas(), services.lifecycle().rules());
            Result r = new ClaimHygieneHandler(w.services.with(later)).run();
            if (r.released() == 0 || r.expired() == 0) throw new Priming.Failed("claim hygiene primed nothing: " + r);
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /** The EventBridge event is taken as a plain map: its content doesn't matter, and ScheduledEvent would need Joda. */
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Log.begin(context == null ? "-" : context.getAwsRequestId(), context);
        try {
            Result r = run();
            return Json.write(Json.object().put("level", "INFO").put("function", "claim-hygiene").put("released", r.released())
                    .put("expired", r.expired()).put("reminded", r.reminded()));
        } finally {
            Log.end();
        }
    }

    record Result(int released, int expired, int reminded) {
    }

    private Result run() {
        int released = 0;
        int expired = 0;
        for (Claim due : services.listings().overdueClaims(services.lifecycle().today(), BATCH)) {
            if (step(() -> {
                Need need = services.needs().need(due.needId()).orElseThrow();
                Claim claim = services.needs().claim(due.needId(), due.id()).orElseThrow();
                services.needs().apply(services.lifecycle().releaseOverdue(need, claim));
            })) released++;
        }
        for (String id : services.listings().expirableNeedIds(services.lifecycle().today(), BATCH)) {
            if (step(() -> services.needs().apply(services.lifecycle().expire(services.needs().need(id).orElseThrow())))) expired++;
        }
        // Chase before releasing: claims due within three days get one reminder in the helper's inbox
        // (its key is the claim and its due date, so running again, or hourly, writes it once).
        int reminded = 0;
        LocalDate today = services.lifecycle().today();
        for (Listings.ClaimSummary due : services.listings().claimsDue(today, today.plusDays(Notifications.REMIND_DAYS_BEFORE_DUE), BATCH)) {
            if (services.inbox().write(Notifications.dueSoon(due.claim(), due.needTitle()))) reminded++;
        }
        Log.info("claim hygiene done").with("released", released).with("expired", expired).with("reminded", reminded).write();
        return new Result(released, expired, reminded);
    }

    /** One guarded step; a conflict means someone else moved the need first, which is fine. */
    private static boolean step(Runnable r) {
        try {
            Retry.onStale(() -> {
                r.run();
                return null;
            });
            return true;
        } catch (DomainException.Conflict e) {
            return false;
        }
    }
}
