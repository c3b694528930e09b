package org.bangfu.wechat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.bangfu.store.WeChatStore;

/**
 * The account's access_token and jsapi_ticket, shared by every instance through the table. A
 * refresh at WeChat invalidates the token every other instance holds, so only one caller refreshes
 * at a time: it takes the item's lease with a conditional write; the others poll the item until
 * the new value is there (or the lease runs out, and one of them takes it over).
 */
public final class Credentials {
    public static final String ACCESS_TOKEN = "ACCESS_TOKEN";
    public static final String JSAPI_TICKET = "JSAPI_TICKET";
    /** Refreshed this long before WeChat's expiry, so a page never gets a ticket that dies while it loads. */
    static final Duration MARGIN = Duration.ofMinutes(5);
    static final Duration LEASE = Duration.ofSeconds(8);
    static final Duration WAIT = Duration.ofSeconds(9);

    private final WeChatStore store;
    private final WeChatApi api;
    private final Supplier<WeChatAccount> account;
    private final Clock clock;

    public Credentials(WeChatStore store, WeChatApi api, Supplier<WeChatAccount> account, Clock clock) {
        this.store = store;
        this.api = api;
        this.account = account;
        this.clock = clock;
    }

    public String appId() {
        return account.get().appId();
    }

    /** A jsapi_ticket valid for at least {@link #MARGIN}. */
    public String jsapiTicket() {
        return fresh(JSAPI_TICKET, null, () -> {
            String token = accessToken(null);
            try {
                return api.jsapiTicket(token);
            } catch (WeChatApi.TokenInvalid e) {
                // Replaced behind our back (by hand, by another system using the same account): refresh it once, if nobody has.
                return api.jsapiTicket(accessToken(token));
            }
        });
    }

    /** A valid access_token; {@code rejected}: one WeChat just refused, not to be handed out again. */
    String accessToken(String rejected) {
        return fresh(ACCESS_TOKEN, rejected, () -> api.accessToken(account.get()));
    }

    private String fresh(String kind, String rejected, Supplier<WeChatApi.Issued> fetch) {
        String appId = account.get().appId();
        String owner = UUID.randomUUID().toString();
        long deadline = clock.millis() + WAIT.toMillis();
        while (true) {
            long now = clock.millis();
            Optional<WeChatStore.Cached> cached = store.get(appId, kind);
            String value = cached.map(WeChatStore.Cached::value).orElse(null);
            boolean usable = value != null && !value.equals(rejected)
                    && cached.get().validUntilEpochSecond() * 1000 - MARGIN.toMillis() > now;
            if (usable) return value;
            boolean leased = cached.map(c -> c.leaseUntilEpochMilli() >= now).orElse(false);
            if (!leased && store.lease(appId, kind, owner, value, now, now + LEASE.toMillis())) {
                try {
                    WeChatApi.Issued issued = fetch.get();
                    long validUntil = clock.instant().getEpochSecond() + issued.expiresInSeconds();
                    if (store.store(appId, kind, owner, issued.value(), validUntil, validUntil)) return issued.value();
                    // Our lease ran out and another caller refreshed meanwhile: theirs is the valid one; wait for it below.
                } catch (RuntimeException e) {
                    store.release(appId, kind, owner);
                    throw e;
                }
            }
            if (now > deadline) throw new WeChatApi.Unavailable("waited " + WAIT + " for another caller's " + kind + " refresh");
            sleep(50 + ThreadLocalRandom.current().nextInt(100));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatApi.Unavailable("interrupted");
        }
    }
}
