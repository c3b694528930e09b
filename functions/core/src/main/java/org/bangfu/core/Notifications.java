package org.bangfu.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one place that decides who is told what, and when an SMS may go: from a change of a need or
 * a claim (as the table's stream shows it, before and after), the notices it causes; the texts in
 * the person's language; quiet hours and the one-SMS-per-person-per-need-per-day rule.
 */
public final class Notifications {
    /** No SMS from 21:00 to 08:00, on China's clock ({@link Lifecycle#ZONE}). */
    public static final LocalTime QUIET_FROM = LocalTime.of(21, 0);
    public static final LocalTime QUIET_UNTIL = LocalTime.of(8, 0);
    /** A claim is chased this many days before it is due (and released when overdue, by claim hygiene). */
    public static final int REMIND_DAYS_BEFORE_DUE = 3;
    public static final List<String> LANGUAGES = List.of("zh-CN", "en");

    private Notifications() {
    }

    /**
     * A need changed: approved (published) or rejected, to its poster; a new public report, to its
     * two reviewers and to every admin whose area holds the need ({@code areaAdmins}, asked for only then),
     * each person once.
     */
    public static List<Notice> needChanged(Need before, Need after, Supplier<? extends Collection<String>> areaAdmins) {
        List<Notice> out = new ArrayList<>();
        if (after == null) return out;
        NeedState was = before == null ? null : before.state();
        Map<String, String> title = Map.of("title", after.title());
        if (after.state() == NeedState.PUBLISHED && was == NeedState.PENDING_REVIEW) {
            out.add(Notice.of(Notice.Kind.NEED_APPROVED, after.posterId(), after.id(), null, after.updatedAt(), title));
        }
        if (after.state() == NeedState.REJECTED && was != NeedState.REJECTED) {
            out.add(Notice.of(Notice.Kind.NEED_REJECTED, after.posterId(), after.id(), null, after.updatedAt(),
                    Map.of("title", after.title(), "reason", after.rejectReason() == null ? "" : after.rejectReason())));
        }
        if (before != null && after.openReports() > before.openReports()) {
            Set<String> told = new LinkedHashSet<>();
            if (after.councilReviewerId() != null) told.add(after.councilReviewerId());
            if (after.volunteerReviewerId() != null) told.add(after.volunteerReviewerId());
            told.addAll(areaAdmins.get());
            for (String person : told) out.add(Notice.of(Notice.Kind.NEED_REPORTED, person, after.id(), null, after.updatedAt(), title));
        }
        return out;
    }

    /** A claim changed: new (to the poster), delivered (the poster confirms), released automatically (to the helper). */
    public static List<Notice> claimChanged(Claim before, Claim after, String posterId, String needTitle) {
        List<Notice> out = new ArrayList<>();
        if (after == null) return out;
        Map<String, String> p = Map.of("title", needTitle, "helper", after.helperName() == null ? "" : after.helperName(),
                "quantity", Integer.toString(after.quantity()));
        if (before == null && after.state() == ClaimState.ACTIVE) {
            out.add(Notice.of(Notice.Kind.NEED_CLAIMED, posterId, after.needId(), after.id(), after.createdAt(), p));
        }
        if (after.state() == ClaimState.DELIVERED && (before == null || before.state() != ClaimState.DELIVERED)) {
            out.add(Notice.of(Notice.Kind.CLAIM_DELIVERED, posterId, after.needId(), after.id(), after.deliveredAt(), p));
        }
        if (after.state() == ClaimState.RELEASED && (before == null || before.state() != ClaimState.RELEASED)
                && Lifecycle.SYSTEM.equals(after.releasedBy())) {
            out.add(Notice.of(Notice.Kind.CLAIM_RELEASED, after.helperId(), after.needId(), after.id(), after.releasedAt(), p));
        }
        return out;
    }

    /**
     * The reminder claim hygiene writes from {@value #REMIND_DAYS_BEFORE_DUE} days before a claim is
     * due. Its time is the due date's, so every run until then makes the same notice (written once).
     */
    public static Notice dueSoon(Claim c, String needTitle) {
        return Notice.of(Notice.Kind.CLAIM_DUE_SOON, c.helperId(), c.needId(), c.id(),
                c.dueOn().atStartOfDay(Lifecycle.ZONE).toInstant(), Map.of("title", needTitle, "dueOn", c.dueOn().toString()));
    }

    /** Points earned: one notice per ledger line. */
    public static Notice pointsEarned(Award a) {
        return new Notice("POINTS_EARNED:" + a.key(), a.personId(), Notice.Kind.POINTS_EARNED, a.needId(), null, a.at(),
                Map.of("points", Integer.toString(a.points()), "reason", a.reason() == null ? "" : a.reason()));
    }

    /** No SMS between {@link #QUIET_FROM} and {@link #QUIET_UNTIL}, China time. */
    public static boolean quiet(Instant at) {
        LocalTime t = ZonedDateTime.ofInstant(at, Lifecycle.ZONE).toLocalTime();
        return !t.isBefore(QUIET_FROM) || t.isBefore(QUIET_UNTIL);
    }

    /** When an SMS held at {@code at} may go: the end of the quiet hours it falls in ({@code at} itself outside them). */
    public static Instant afterQuiet(Instant at) {
        if (!quiet(at)) return at;
        ZonedDateTime z = ZonedDateTime.ofInstant(at, Lifecycle.ZONE);
        ZonedDateTime morning = z.toLocalTime().isBefore(QUIET_UNTIL) ? z.with(QUIET_UNTIL) : z.plusDays(1).with(QUIET_UNTIL);
        return morning.toInstant();
    }

    /** The day an SMS counts against (one per person per need per day, China's calendar). */
    public static LocalDate smsDay(Instant at) {
        return ZonedDateTime.ofInstant(at, Lifecycle.ZONE).toLocalDate();
    }

    /** What to do about a notice's SMS now: nothing, send it, or hold it until {@link #afterQuiet}. */
    public enum SmsPlan { NONE, SEND, HOLD }

    /**
     * Only the notices that ask for action go by SMS, only to a person who has not opted out and
     * whose phone we know, never in quiet hours (held until the morning instead).
     */
    public static SmsPlan smsPlan(Notice.Kind kind, boolean optedIn, boolean hasPhone, Instant now) {
        if (!kind.actionNeeded() || !optedIn || !hasPhone) return SmsPlan.NONE;
        return quiet(now) ? SmsPlan.HOLD : SmsPlan.SEND;
    }

    /** China's providers cap a template variable's length (Tencent: 12 characters by default); titles are cut to fit. */
    static final int SMS_VARIABLE_MAX = 12;

    /** The SMS of an action-needed notice: its template (sms-templates.properties) in the person's language, and its variables. */
    public static SmsMessage sms(Notice n, String phone, String language) {
        if (!n.kind().actionNeeded()) throw new IllegalArgumentException(n.kind() + " is not sent by SMS");
        String template = "notice." + n.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ("en".equals(language) ? ".en" : "");
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("title", cut(n.params().getOrDefault("title", "")));
        if (n.kind() == Notice.Kind.CLAIM_DUE_SOON) params.put("dueOn", n.params().getOrDefault("dueOn", ""));
        return new SmsMessage(phone, template, params);
    }

    private static String cut(String v) {
        if (v.codePointCount(0, v.length()) <= SMS_VARIABLE_MAX) return v;
        return v.substring(0, v.offsetByCodePoints(0, SMS_VARIABLE_MAX - 1)) + "…";
    }

    public static String language(String preferred) {
        return "en".equals(preferred) ? "en" : "zh-CN";
    }

    /** The notice's text in the person's language (zh-CN unless they chose English). */
    public static String text(Notice.Kind kind, Map<String, String> params, String language) {
        boolean en = "en".equals(language);
        String title = params.getOrDefault("title", "");
        return switch (kind) {
            case NEED_APPROVED -> en ? "Your need \"" + title + "\" passed both reviews and is now public."
                    : "您发布的需求「" + title + "」已通过两级审核，现已公开。";
            case NEED_REJECTED -> en ? "Your need \"" + title + "\" was not approved: " + params.get("reason")
                    : "您发布的需求「" + title + "」未通过审核，原因：" + params.get("reason");
            case NEED_CLAIMED -> en ? params.get("helper") + " claimed \"" + title + "\" (" + params.get("quantity") + ")."
                    : params.get("helper") + " 认领了「" + title + "」（" + params.get("quantity") + "）。";
            case CLAIM_DELIVERED -> en ? "Help for \"" + title + "\" is reported delivered: please check with the family and confirm."
                    : "「" + title + "」的帮扶已报告送达，请与家庭核实后确认。";
            case CLAIM_DUE_SOON -> en ? "Your claim on \"" + title + "\" is due on " + params.get("dueOn") + "; deliver or release it."
                    : "您认领的「" + title + "」将于 " + params.get("dueOn") + " 到期，请尽快送达或取消认领。";
            case CLAIM_RELEASED -> en ? "Your claim on \"" + title + "\" passed its due date and was released."
                    : "您认领的「" + title + "」已过期，系统已自动取消认领。";
            case POINTS_EARNED -> en ? "You earned " + params.get("points") + " credit points: " + params.get("reason")
                    : "您获得 " + params.get("points") + " 信用积分：" + params.get("reason");
            case NEED_REPORTED -> en ? "Someone reported a problem with \"" + title + "\" in your area; please look into it."
                    : "有人反映您辖区的需求「" + title + "」存在问题，请核实处理。";
        };
    }

    public static String text(Notice n, String language) {
        return text(n.kind(), n.params(), language);
    }
}
