package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Notice;
import org.bangfu.core.SmsSender;
import org.bangfu.fn.heldsms.HeldSmsHandler;
import org.bangfu.fn.notify.NotifyHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.NoticeSms;
import org.bangfu.lambda.Services;
import org.bangfu.sms.SmsProviders;
import org.bangfu.store.Dynamo;
import org.bangfu.store.PeopleStore;
import org.junit.jupiter.api.Test;

/**
 * The SMS of the notices that ask for action, through the real provider code to the local outbox:
 * once per notice however often its stream record comes, in the person's language, never to
 * someone who opted out, none in quiet hours (held until 08:00), at most one per person per need
 * per day, and a refused message tried again later. The live stream pump runs on the wall clock,
 * so these tests replay the real records through handlers whose clock they set.
 */
class SmsNoticesTest {
    private final Api api = TestPlatform.api();
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** Makes a test person as phone sign-in does (identity's people records), with a phone nobody else has. */
    static String phoneFor(String personId) {
        String phone = "+86137" + String.format("%08d", (System.nanoTime() / 1000 + SEQ.incrementAndGet() * 7919L) % 100_000_000L);
        new PeopleStore(Dynamo.client(), LocalPlatform.TABLE).getOrCreate(phone, personId, "测试", Instant.now());
        return phone;
    }

    /** China time on {@code days} from today at hh:mm. */
    static Instant chinaTime(int days, int hour, int minute) {
        return ZonedDateTime.now(Lifecycle.ZONE).truncatedTo(ChronoUnit.DAYS).plusDays(days).withHour(hour).withMinute(minute).toInstant();
    }

    static Services at(Instant t) {
        return Services.live().with(new Lifecycle(Clock.fixed(t, Lifecycle.ZONE), AreaRegistry.bundled()));
    }

    static SmsSender outbox() {
        return SmsProviders.create(TestPlatform.platform.outbox().settings()::get);
    }

    private List<JsonNode> sms(String phone) {
        Api.Reply r = api.get("/api/dev/sms?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8), null);
        assertEquals(200, r.status(), r.toString());
        List<JsonNode> out = new java.util.ArrayList<>();
        r.body().path("messages").forEach(out::add);
        return out;
    }

    /** Every notice-line record of this person, replayed twice at noon (the live pump may have handled them already, at any hour). */
    static void replayAtNoon(String personId) {
        StreamRecords.awaitQuiet();
        DynamodbEvent event = StreamRecords.event(StreamRecords.ofKey("PERSON#" + personId));
        NotifyHandler notify = new NotifyHandler(at(chinaTime(0, 12, 0)), SmsNoticesTest::outbox);
        assertTrue(notify.handleRequest(event, null).getBatchItemFailures().isEmpty());
        assertTrue(notify.handleRequest(event, null).getBatchItemFailures().isEmpty());
    }

    @Test
    void theNoticesThatAskForActionGoBySmsOnceInTheLanguageChosenAndNotToWhoOptedOut() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String posterPhone = phoneFor(v.poster().sub());
        String need = api.publishedNeed(v, "EDUCATION", 1);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String helperPhone = phoneFor(helper.sub());
        assertEquals(200, api.post("/api/me/notification-settings", helper, Json.object().put("language", "en")).status());
        String claimId = api.post("/api/needs/" + need + "/claims", helper, null).body().path("claim").path("id").asText();
        assertEquals(200, api.post("/api/needs/" + need + "/claims/" + claimId + "/delivered", helper, Json.object().put("note", "已送到")).status());
        // Another helper, who said no to SMS, holds a claim on another need.
        String other = api.publishedNeed(v, "EMPLOYMENT", 1);
        Api.Who quiet = api.who(Api.unique("helper"), null, "helper");
        String quietPhone = phoneFor(quiet.sub());
        assertEquals(200, api.post("/api/me/notification-settings", quiet, Json.object().put("sms", false)).status());
        String dueOn = api.post("/api/needs/" + other + "/claims", quiet, null).body().path("claim").path("dueOn").asText();
        long days = ChronoUnit.DAYS.between(Api.today(), LocalDate.parse(dueOn));
        Points.hygieneAt(Duration.ofDays(days - 3)).handleRequest(Map.of(), null);

        replayAtNoon(v.poster().sub());
        replayAtNoon(quiet.sub());
        List<JsonNode> toPoster = sms(posterPhone);
        assertEquals(1, toPoster.size(), "approved and claimed are not SMS, delivered is, once: " + toPoster);
        assertEquals("notice.claim-delivered", toPoster.get(0).path("template").asText());
        assertTrue(toPoster.get(0).path("text").asText().contains("请与家庭核实后登录确认"), toPoster.toString());
        assertTrue(sms(quietPhone).isEmpty(), "opted out");
        assertTrue(api.get("/api/me/notifications", quiet).body().toString().contains("CLAIM_DUE_SOON"), "the inbox still has it");
        assertTrue(sms(helperPhone).isEmpty(), "nothing of the helper's asked for action");

        // The English reader's reminder is English.
        String third = api.publishedNeed(v, "MEDICAL", 1);
        String due3 = api.post("/api/needs/" + third + "/claims", helper, null).body().path("claim").path("dueOn").asText();
        Points.hygieneAt(Duration.ofDays(ChronoUnit.DAYS.between(Api.today(), LocalDate.parse(due3)) - 2)).handleRequest(Map.of(), null);
        replayAtNoon(helper.sub());
        List<JsonNode> toHelper = sms(helperPhone);
        assertEquals(1, toHelper.size(), toHelper.toString());
        assertEquals("notice.claim-due-soon.en", toHelper.get(0).path("template").asText());
        assertTrue(toHelper.get(0).path("text").asText().contains(due3), toHelper.toString());
    }

    @Test
    void quietHoursHoldTheSmsUntilEightAndOnePerNeedPerDay() {
        String person = Api.unique("poster");
        String phone = phoneFor(person);
        String need = Api.unique("need");
        Instant night = chinaTime(0, 22, 30);
        Notice delivered = Notice.of(Notice.Kind.CLAIM_DELIVERED, person, need, Api.unique("c"), night, Map.of("title", "轮椅一辆给东门村的王大爷家"));
        assertEquals(NoticeSms.Outcome.HELD, new NoticeSms(at(night), SmsNoticesTest::outbox).written(delivered));
        assertEquals(NoticeSms.Outcome.ALREADY, new NoticeSms(at(night.plusSeconds(60)), SmsNoticesTest::outbox).written(delivered), "replayed");
        new HeldSmsHandler(at(chinaTime(1, 7, 59)), SmsNoticesTest::outbox).handleRequest(Map.of(), null);
        assertTrue(sms(phone).isEmpty(), "not before 08:00");
        new HeldSmsHandler(at(chinaTime(1, 8, 5)), SmsNoticesTest::outbox).handleRequest(Map.of(), null);
        new HeldSmsHandler(at(chinaTime(1, 8, 20)), SmsNoticesTest::outbox).handleRequest(Map.of(), null);
        List<JsonNode> sent = sms(phone);
        assertEquals(1, sent.size(), sent.toString());
        assertEquals("轮椅一辆给东门村的王大…", sent.get(0).path("params").path("title").asText(), "cut to the provider's 12 characters");
        // The same need the same day: in the inbox, not another SMS; the next day: one more.
        Notice reported = Notice.of(Notice.Kind.NEED_REPORTED, person, need, null, chinaTime(1, 9, 0), Map.of("title", "轮椅"));
        assertEquals(NoticeSms.Outcome.ALREADY, new NoticeSms(at(chinaTime(1, 9, 0)), SmsNoticesTest::outbox).written(reported));
        Notice again = Notice.of(Notice.Kind.NEED_REPORTED, person, need, null, chinaTime(2, 10, 0), Map.of("title", "轮椅"));
        assertEquals(NoticeSms.Outcome.SENT, new NoticeSms(at(chinaTime(2, 10, 0)), SmsNoticesTest::outbox).written(again));
        assertEquals(2, sms(phone).size());
        // The first notice's record replayed days later: its SMS went already.
        assertEquals(NoticeSms.Outcome.ALREADY, new NoticeSms(at(chinaTime(3, 10, 0)), SmsNoticesTest::outbox).written(delivered));
        assertEquals(2, sms(phone).size());
    }

    @Test
    void aRefusedSmsIsTriedAgainLaterAndGivenUpAfterFiveTries() {
        String person = Api.unique("poster");
        String phone = phoneFor(person);
        Instant noon = chinaTime(0, 12, 0);
        SmsSender refusing = m -> {
            throw new SmsSender.Failed("LimitExceeded.PhoneNumberDailyLimit");
        };
        Notice n = Notice.of(Notice.Kind.NEED_REJECTED, person, Api.unique("need"), null, noon, Map.of("title", "学费", "reason", "缺材料"));
        assertEquals(NoticeSms.Outcome.HELD, new NoticeSms(at(noon), () -> refusing).written(n));
        new HeldSmsHandler(at(noon.plus(Duration.ofMinutes(20))), SmsNoticesTest::outbox).handleRequest(Map.of(), null);
        List<JsonNode> sent = sms(phone);
        assertEquals(1, sent.size(), sent.toString());
        assertEquals("notice.need-rejected", sent.get(0).path("template").asText());

        Notice m = Notice.of(Notice.Kind.NEED_REJECTED, person, Api.unique("need"), null, noon, Map.of("title", "学费"));
        assertEquals(NoticeSms.Outcome.HELD, new NoticeSms(at(noon), () -> refusing).written(m));
        for (int i = 1; i <= NoticeSms.MAX_ATTEMPTS; i++) {
            new HeldSmsHandler(at(noon.plus(Duration.ofMinutes(20L * i))), () -> refusing).handleRequest(Map.of(), null);
        }
        new HeldSmsHandler(at(noon.plus(Duration.ofMinutes(200))), SmsNoticesTest::outbox).handleRequest(Map.of(), null);
        assertEquals(1, sms(phone).size(), "given up after " + NoticeSms.MAX_ATTEMPTS + " refusals");
    }

    /** For the policy check: the notify function's SMS paths (held at night, refused at noon) and the held-SMS run, as those functions. */
    static void exercise() {
        String person = Api.unique("poster");
        phoneFor(person);
        Instant night = chinaTime(0, 23, 0);
        Instant noon = chinaTime(0, 12, 0);
        SmsSender refusing = m -> {
            throw new SmsSender.Failed("refused for the policy check");
        };
        Gateway.CURRENT_FUNCTION.set("NotifyFunction");
        try {
            new NoticeSms(at(night), SmsNoticesTest::outbox).written(Notice.of(Notice.Kind.NEED_REPORTED, person, Api.unique("need"), null, night, Map.of()));
            new NoticeSms(at(noon), () -> refusing).written(Notice.of(Notice.Kind.NEED_REPORTED, person, Api.unique("need"), null, noon, Map.of()));
        } finally {
            Gateway.CURRENT_FUNCTION.remove();
        }
        Gateway.CURRENT_FUNCTION.set("HeldSmsFunction");
        try {
            new HeldSmsHandler(at(noon.plus(Duration.ofMinutes(20))), SmsNoticesTest::outbox).handleRequest(Map.of(), null);
        } finally {
            Gateway.CURRENT_FUNCTION.remove();
        }
    }
}
