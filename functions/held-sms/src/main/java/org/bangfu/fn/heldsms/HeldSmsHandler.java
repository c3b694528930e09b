package org.bangfu.fn.heldsms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Notice;
import org.bangfu.core.SmsSender;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Log;
import org.bangfu.lambda.NoticeSms;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.sms.SmsProviders;
import org.bangfu.store.Inbox;
import org.crac.Core;
import org.crac.Resource;

/**
 * Every 15 minutes: the SMS that waited (written in quiet hours, 21:00-08:00 China time, or
 * refused by the provider) and whose time has come are decided again and sent, once each
 * ({@link NoticeSms}); one held in quiet hours goes out at 08:00 or within 15 minutes of it.
 */
public final class HeldSmsHandler implements RequestHandler<Map<String, Object>, String>, Resource {
    private static final int BATCH = 100;
    private final Services services;
    private final NoticeSms sms;

    public HeldSmsHandler() {
        this(Services.live(), SmsProviders::fromEnvironment);
    }

    public HeldSmsHandler(Services services, Supplier<SmsSender> sender) {
        this.services = services;
        this.sms = new NoticeSms(services, sender);
        if (!Priming.active()) Core.getGlobalContext().register(this);
    }

    /** SnapStart priming: a twin on the canned table decides a held SMS of a person it knows no phone of (so nothing is sent). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(() -> {
            Priming.World w = Priming.world(services);
            Lifecycle noon = new Lifecycle(Clock.fixed(Instant.parse("2026-12-03T04:00:00Z"), Lifecycle.ZONE), services.areas(), services.lifecycle().rules());
            HeldSmsHandler twin = new HeldSmsHandler(w.services.with(noon), () -> {
                throw new Priming.Failed("priming sends no SMS");
            });
            Notice n = Notice.of(Notice.Kind.CLAIM_DELIVERED, w.poster.id(), w.delivered.id(), w.deliveredClaim.id(), noon.now(),
                    Map.of("title", w.delivered.title()));
            if (twin.sms.held(new Inbox.Held(n, noon.now(), 0)) != NoticeSms.Outcome.NONE) throw new Priming.Failed("held SMS primed wrongly");
            twin.run();
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Log.begin(context == null ? "-" : context.getAwsRequestId(), context);
        try {
            Map<NoticeSms.Outcome, Integer> r = run();
            var out = Json.object().put("level", "INFO").put("function", "held-sms");
            r.forEach((k, v) -> out.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
            return Json.write(out);
        } finally {
            Log.end();
        }
    }

    Map<NoticeSms.Outcome, Integer> run() {
        Map<NoticeSms.Outcome, Integer> counts = new EnumMap<>(NoticeSms.Outcome.class);
        for (Inbox.Held h : services.inbox().heldDue(services.lifecycle().now(), BATCH)) counts.merge(sms.held(h), 1, Integer::sum);
        Map<String, Integer> named = new java.util.TreeMap<>();
        counts.forEach((k, v) -> named.put(k.name(), v));
        Log.info("held SMS done").with("outcomes", named).write();
        return counts;
    }
}
