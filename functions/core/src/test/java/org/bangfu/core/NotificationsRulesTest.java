package org.bangfu.core;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsRulesTest {
    private static Instant china(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), Lifecycle.ZONE).toInstant();
    }

    @Test
    void quietHoursAreNineAtNightToEightInTheMorningChinaTime() {
        assertFalse(Notifications.quiet(china("2026-12-03T20:59")));
        assertTrue(Notifications.quiet(china("2026-12-03T21:00")));
        assertTrue(Notifications.quiet(china("2026-12-04T07:59")));
        assertFalse(Notifications.quiet(china("2026-12-04T08:00")));
        assertEquals(china("2026-12-04T08:00"), Notifications.afterQuiet(china("2026-12-03T22:30")));
        assertEquals(china("2026-12-04T08:00"), Notifications.afterQuiet(china("2026-12-04T01:10")));
        assertEquals(china("2026-12-04T12:00"), Notifications.afterQuiet(china("2026-12-04T12:00")));
    }

    @Test
    void onlyActionsGoBySmsToPeopleWhoWantItAndHaveAPhone() {
        Instant noon = china("2026-12-03T12:00");
        assertEquals(Notifications.SmsPlan.SEND, Notifications.smsPlan(Notice.Kind.CLAIM_DELIVERED, true, true, noon));
        assertEquals(Notifications.SmsPlan.HOLD, Notifications.smsPlan(Notice.Kind.CLAIM_DELIVERED, true, true, china("2026-12-03T23:00")));
        assertEquals(Notifications.SmsPlan.NONE, Notifications.smsPlan(Notice.Kind.NEED_APPROVED, true, true, noon));
        assertEquals(Notifications.SmsPlan.NONE, Notifications.smsPlan(Notice.Kind.CLAIM_DELIVERED, false, true, noon));
        assertEquals(Notifications.SmsPlan.NONE, Notifications.smsPlan(Notice.Kind.CLAIM_DELIVERED, true, false, noon));
    }

    @Test
    void everySmsTemplateExistsInBothLanguages() {
        for (Notice.Kind k : Notice.Kind.values()) {
            if (!k.actionNeeded()) continue;
            Notice n = Notice.of(k, "p", "n", null, Instant.EPOCH, Map.of("title", "一二三四五六七八九十一二三", "dueOn", "2026-12-06"));
            SmsMessage zh = Notifications.sms(n, "+8613800000000", "zh-CN");
            SmsMessage en = Notifications.sms(n, "+8613800000000", "en");
            assertEquals(zh.template() + ".en", en.template());
            assertEquals("一二三四五六七八九十一…", zh.params().get("title"));
            assertFalse(zh.text().contains("{"), zh.text());
        }
        assertThrows(IllegalArgumentException.class,
                () -> Notifications.sms(Notice.of(Notice.Kind.POINTS_EARNED, "p", "n", null, Instant.EPOCH, Map.of()), "+8613800000000", "zh-CN"));
    }
}
