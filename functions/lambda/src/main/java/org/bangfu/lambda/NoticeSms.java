package org.bangfu.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.bangfu.core.Notice;
import org.bangfu.core.Notifications;
import org.bangfu.core.SmsSender;
import org.bangfu.store.Inbox;

/**
 * The SMS of a notice that asks for action, once: sent now, held for the morning in quiet hours,
 * or nothing (opted out, no phone, not an action). The slot is taken before sending, so a record
 * seen twice never sends twice; a provider that refuses gives the slot back and the SMS is tried
 * again later by the held-SMS run, so the table's stream never waits for a provider.
 */
public final class NoticeSms {
    /** After this many refusals the SMS is given up (the inbox line stays). */
    public static final int MAX_ATTEMPTS = 5;
    static final Duration RETRY_AFTER = Duration.ofMinutes(15);

    public enum Outcome { NONE, SENT, HELD, ALREADY, GIVEN_UP }

    private final Services services;
    private final Supplier<SmsSender> sender;

    /** {@code sender} is asked for only when a message goes (a function without SMS settings still writes inboxes). */
    public NoticeSms(Services services, Supplier<SmsSender> sender) {
        this.services = services;
        this.sender = sender;
    }

    /** A notice's line has just been written (its stream record). */
    public Outcome written(Notice n) {
        if (!n.kind().actionNeeded()) return Outcome.NONE;
        Instant now = services.lifecycle().now();
        Inbox.Settings settings = services.inbox().settings(n.personId());
        Optional<String> phone = settings.sms() ? services.inbox().phone(n.personId()) : Optional.empty();
        return switch (Notifications.smsPlan(n.kind(), settings.sms(), phone.isPresent(), now)) {
            case NONE -> Outcome.NONE;
            case HOLD -> services.inbox().hold(n, Notifications.afterQuiet(now)) ? Outcome.HELD : Outcome.ALREADY;
            case SEND -> send(n, phone.orElseThrow(), settings.language(), now, 0);
        };
    }

    /** A held SMS whose time has come: decided again (the person may have opted out meanwhile). */
    public Outcome held(Inbox.Held h) {
        Notice n = h.notice();
        Instant now = services.lifecycle().now();
        Inbox.Settings settings = services.inbox().settings(n.personId());
        Optional<String> phone = settings.sms() ? services.inbox().phone(n.personId()) : Optional.empty();
        Outcome out = switch (Notifications.smsPlan(n.kind(), settings.sms(), phone.isPresent(), now)) {
            case NONE -> Outcome.NONE;
            case HOLD -> {
                services.inbox().retryLater(n, Notifications.afterQuiet(now), h.attempts());
                yield Outcome.HELD;
            }
            case SEND -> send(n, phone.orElseThrow(), settings.language(), now, h.attempts());
        };
        if (out != Outcome.HELD) services.inbox().dropHeld(n);
        return out;
    }

    private Outcome send(Notice n, String phone, String language, Instant now, int attempts) {
        if (!services.inbox().takeSmsSlot(n, now)) return Outcome.ALREADY;
        try {
            sender.get().send(Notifications.sms(n, phone, language));
            return Outcome.SENT;
        } catch (SmsSender.Failed | IllegalStateException refused) {
            // IllegalStateException: the function's SMS settings are missing or wrong (SmsProviders says which).
            services.inbox().releaseSmsSlot(n, now);
            if (attempts + 1 >= MAX_ATTEMPTS) {
                Log.error("SMS given up").with("notice", n.key()).with("attempts", attempts + 1).with("problem", refused.getMessage()).write();
                return Outcome.GIVEN_UP;
            }
            Log.warn("SMS refused, tried again later").with("notice", n.key()).with("problem", refused.getMessage()).write();
            services.inbox().retryLater(n, now.plus(RETRY_AFTER), attempts + 1);
            return Outcome.HELD;
        }
    }
}
