package org.bangfu.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.lambda.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Category;
import org.bangfu.core.Change;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.core.Claim;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedDraft;
import org.bangfu.core.Role;
import org.bangfu.store.Dynamo;
import org.bangfu.store.PointsLedger;
import org.bangfu.store.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Data for the benchmarks, made through the same lifecycle and repository as real requests, and
 * the request each function gets in a cold-start run (as a spec for {@code ColdStartProbe}).
 */
final class Fixtures {
    static final String VILLAGE = "321181001201";   // 东门村
    static final String TOWN = "321181001000";      // 云阳街道
    static final String CITY = "321181000000";      // 丹阳市
    static final String[] VILLAGES = {"321181001201", "321181001202", "321181102201", "321181102202", "321181103201",
            "321181103202", "430225100201", "430225100202", "430225101201"};
    /** Household ID numbers are derived from this; a random start keeps two benchmark JVMs on one table apart. */
    private static final AtomicInteger SEQ = new AtomicInteger(new java.util.Random().nextInt(10_000_000));

    final Services services;
    final Actor poster = actor("bench-poster", "李书记", VILLAGE, Role.POSTER);
    final Actor council = actor("bench-council", "王大伯", VILLAGE, Role.COUNCIL);
    final Actor volunteer = actor("bench-volunteer", "陈晓", TOWN, Role.VOLUNTEER);
    final Actor admin = actor("bench-admin", "丹阳市民政局", CITY, Role.ADMIN);

    Fixtures(Services services) {
        this.services = services;
    }

    static Actor actor(String id, String name, String area, Role... roles) {
        EnumSet<Role> r = EnumSet.noneOf(Role.class);
        r.addAll(java.util.List.of(roles));
        return new Actor(id, name, r, area == null ? null : new AreaCode(area));
    }

    static Actor helper(String id) {
        return actor(id, "帮扶者" + id.substring(id.length() - Math.min(4, id.length())), null, Role.HELPER);
    }

    /** The same services, but living at another time (to make claims that are overdue now). */
    Services at(Duration shift) {
        return Services.on(Dynamo.client(), Dynamo.tableName(), new Lifecycle(Clock.offset(Clock.systemUTC(), shift), AreaRegistry.bundled()));
    }

    /** A valid, unique household ID number for a village. */
    static String idNumber(String area) {
        int n = SEQ.incrementAndGet();
        String first17 = String.format("%s19%02d%02d%02d%03d", area.substring(0, 6), 40 + n % 60, 1 + (n / 60) % 12,
                1 + (n / 720) % 28, (n / 20160) % 1000);
        return ChineseIdNumber.withCheck(first17);
    }

    NeedDraft draft(String area, Category category, int quantity, LocalDate today) {
        int n = SEQ.get();
        return new NeedDraft(category, "基准测试需求" + n, "这是一条用于性能基准测试的需求说明，内容与真实需求长度相当。", quantity, "件", 600 + n % 900,
                today.plusDays(30 + n % 200), new AreaCode(area), "王大爷", idNumber(area), "13800001111",
                "东门村8组2号", "李书记", "13900001111");
    }

    Need pending(Services s, String area, Category category, int quantity) {
        Actor p = area.equals(VILLAGE) ? poster : actor("bench-poster-" + area, "采集员", area, Role.POSTER);
        Lifecycle.Posting posting = s.lifecycle().post(draft(area, category, quantity, s.lifecycle().today()), p, Ids.need());
        s.needs().create(posting);
        return posting.need();
    }

    Need published(Services s, String area, Category category, int quantity) {
        Need n = pending(s, area, category, quantity);
        Actor c = area.equals(VILLAGE) ? council : actor("bench-council-" + area, "议事小组", area, Role.COUNCIL);
        Actor v = area.equals(VILLAGE) ? volunteer : actor("bench-volunteer-" + area, "志愿者", area, Role.VOLUNTEER);
        s.needs().apply(s.lifecycle().review(fresh(n), c, Role.COUNCIL, true, null));
        Change c2 = s.lifecycle().review(fresh(n), v, Role.VOLUNTEER, true, null);
        s.needs().apply(c2);
        return c2.after();
    }

    Claim claimed(Services s, Need n, Actor helper) {
        Change c = s.lifecycle().claim(fresh(n), helper, n.quantities().remaining(), Ids.claim(),
                s.needs().helperRecord(helper.id()));
        s.needs().claim(c);
        return c.claim();
    }

    Claim delivered(Services s, Claim claim, Actor helper) {
        Change c = s.lifecycle().deliver(fresh(claim.needId()), claim, helper, "已送到家中", null);
        s.needs().apply(c);
        return c.claim();
    }

    Need fresh(Need n) {
        return fresh(n.id());
    }

    Need fresh(String id) {
        return services.needs().need(id).orElseThrow();
    }

    Map<String, AttributeValue> rawItem(String pk, String sk) {
        return Dynamo.client().getItem(r -> r.tableName(Dynamo.tableName()).consistentRead(true)
                .key(Map.of(TableDesign.PK, AttributeValue.fromS(pk), TableDesign.SK, AttributeValue.fromS(sk)))).item();
    }

    // ---- one cold-start request per function -------------------------------------------------

    /** The spec of the request a function gets on its cold start in round {@code round}. */
    Properties specFor(String functionId, String handler, int round) {
        if (functionId.startsWith("Powertools")) {
            // The same request as the function it wraps gets.
            Properties p = specFor(functionId.substring("Powertools".length()) + "Function", handler, round);
            p.setProperty("function", functionId);
            return p;
        }
        Properties p = new Properties();
        p.setProperty("function", functionId);
        p.setProperty("handler", handler);
        String helperId = "bench-helper-" + functionId + "-" + round + "-" + SEQ.incrementAndGet(); // a helper holds few open claims
        switch (functionId) {
            case "PublicNeedsFunction" -> {
                published(services, VILLAGE, Category.MEDICAL, 1);
                http(p, "GET", "GET /api/needs", "/api/needs", null);
                p.setProperty("query.category", "MEDICAL");
                p.setProperty("query.area", TOWN);
                p.setProperty("expect", "200");
            }
            case "PostNeedFunction" -> {
                LocalDate deadline = services.lifecycle().today().plusDays(30);
                http(p, "POST", "POST /api/needs", "/api/needs", poster);
                p.setProperty("body", "{\"category\":\"MEDICAL\",\"title\":\"助听器一副\",\"description\":\"老人听力严重下降，需要验配一副助听器。\","
                        + "\"quantity\":1,\"unit\":\"副\",\"valueYuan\":1500,\"deadline\":\"" + deadline + "\",\"areaCode\":\"" + VILLAGE + "\","
                        + "\"household\":{\"name\":\"李大爷\",\"idNumber\":\"" + idNumber(VILLAGE) + "\",\"phone\":\"13812345678\",\"address\":\"东门村8组2号\"},"
                        + "\"contact\":{\"name\":\"李书记\",\"phone\":\"13900001111\"}}");
                p.setProperty("expect", "201");
            }
            case "ReviewNeedFunction" -> {
                Need n = pending(services, VILLAGE, Category.EDUCATION, 1);
                http(p, "POST", "POST /api/needs/{id}/reviews", "/api/needs/" + n.id() + "/reviews", council);
                p.setProperty("path.id", n.id());
                p.setProperty("body", "{\"decision\":\"approve\"}");
                p.setProperty("expect", "200");
            }
            case "ReviewQueueFunction" -> {
                pending(services, VILLAGE, Category.DAILY_LIVING, 2);
                http(p, "GET", "GET /api/review-queue", "/api/review-queue", council);
                p.setProperty("expect", "200");
            }
            case "ClaimNeedFunction" -> {
                Need n = published(services, VILLAGE, Category.DISABILITY, 1);
                http(p, "POST", "POST /api/needs/{id}/claims", "/api/needs/" + n.id() + "/claims", helper(helperId));
                p.setProperty("path.id", n.id());
                p.setProperty("expect", "201");
            }
            case "ReportDeliveredFunction" -> {
                Need n = published(services, VILLAGE, Category.HOME_IMPROVEMENT, 1);
                Claim c = claimed(services, n, helper(helperId));
                http(p, "POST", "POST /api/needs/{id}/claims/{claimId}/delivered",
                        "/api/needs/" + n.id() + "/claims/" + c.id() + "/delivered", helper(helperId));
                p.setProperty("path.id", n.id());
                p.setProperty("path.claimId", c.id());
                p.setProperty("body", "{\"note\":\"已送到家中\"}");
                p.setProperty("expect", "200");
            }
            case "ConfirmFulfilmentFunction" -> {
                Need n = published(services, VILLAGE, Category.INSURANCE, 1);
                Claim c = delivered(services, claimed(services, n, helper(helperId)), helper(helperId));
                http(p, "POST", "POST /api/needs/{id}/claims/{claimId}/confirm",
                        "/api/needs/" + n.id() + "/claims/" + c.id() + "/confirm", admin);
                p.setProperty("path.id", n.id());
                p.setProperty("path.claimId", c.id());
                p.setProperty("expect", "200");
            }
            case "ReleaseClaimFunction" -> {
                Need n = published(services, VILLAGE, Category.EMPLOYMENT, 1);
                Claim c = claimed(services, n, helper(helperId));
                http(p, "DELETE", "DELETE /api/needs/{id}/claims/{claimId}", "/api/needs/" + n.id() + "/claims/" + c.id(), helper(helperId));
                p.setProperty("path.id", n.id());
                p.setProperty("path.claimId", c.id());
                p.setProperty("body", "{\"reason\":\"时间冲突\"}");
                p.setProperty("expect", "200");
            }
            case "MeFunction" -> {
                Need n = published(services, VILLAGE, Category.EDUCATION, 1);
                claimed(services, n, helper(helperId));
                http(p, "GET", "GET /api/me", "/api/me", helper(helperId));
                p.setProperty("expect", "200");
            }
            case "LeaderboardFunction" -> {
                http(p, "GET", "GET /api/leaderboard", "/api/leaderboard", null);
                p.setProperty("query.area", TOWN);
                p.setProperty("expect", "200");
            }
            case "CivicPointsExportFunction" -> {
                http(p, "GET", "GET /api/exports/civic-points", "/api/exports/civic-points", admin);
                p.setProperty("expect", "200");
            }
            case "ScoringFunction" -> {
                // A claim going DELIVERED -> CONFIRMED, with both images exactly as the stream carries them.
                Need n = published(services, VILLAGE, Category.MEDICAL, 1);
                Actor h = helper(helperId);
                Claim c = delivered(services, claimed(services, n, h), h);
                Map<String, AttributeValue> before = rawItem(TableDesign.needPk(n.id()), "CLAIM#" + c.id());
                services.needs().apply(services.lifecycle().confirm(fresh(n), c, admin));
                Map<String, AttributeValue> after = rawItem(TableDesign.needPk(n.id()), "CLAIM#" + c.id());
                p.setProperty("event", "dynamodb");
                p.setProperty("record.eventName", "MODIFY");
                p.setProperty("record.sequenceNumber", Long.toString(System.nanoTime()));
                image(p, "old.", before);
                image(p, "new.", after);
                p.setProperty("expect", "ok");
            }
            case "ClaimHygieneFunction" -> {
                // A claim made three weeks ago and never reported delivered: overdue now.
                Services past = at(Duration.ofDays(-21));
                Need n = published(past, VILLAGE, Category.DAILY_LIVING, 1);
                claimed(past, n, helper(helperId));
                p.setProperty("event", "map");
                p.setProperty("map.source", "aws.events");
                p.setProperty("map.detail-type", "Scheduled Event");
                p.setProperty("expect-prefix", "{\"level\":\"INFO\",\"function\":\"claim-hygiene\",\"released\":");
            }
            case "ShareCardFunction" -> {
                Need n = published(services, VILLAGE, Category.MEDICAL, 1);
                http(p, "GET", "GET /share/{id}", "/share/" + n.id(), null);
                p.setProperty("path.id", n.id());
                p.setProperty("expect", "200");
            }
            case "AuditTrailFunction" -> {
                http(p, "GET", "GET /api/audit", "/api/audit", admin);
                p.setProperty("expect", "200");
            }
            case "ReportNeedFunction" -> {
                Need n = published(services, VILLAGE, Category.DAILY_LIVING, 1);
                http(p, "POST", "POST /api/needs/{id}/reports", "/api/needs/" + n.id() + "/reports", null);
                p.setProperty("path.id", n.id());
                p.setProperty("body", "{\"reason\":\"该户已经得到同样的帮助\"}");
                p.setProperty("expect", "202");
            }
            case "ResolveReportsFunction" -> {
                Need n = published(services, VILLAGE, Category.EMPLOYMENT, 1);
                services.reports().report(n, "bench-" + helperId, "描述与实际情况不符", services.lifecycle().now());
                http(p, "POST", "POST /api/needs/{id}/reports/resolve", "/api/needs/" + n.id() + "/reports/resolve", council);
                p.setProperty("path.id", n.id());
                p.setProperty("body", "{\"action\":\"dismiss\",\"note\":\"入户核实属实\"}");
                p.setProperty("expect", "200");
            }
            case "StatsFunction" -> {
                http(p, "GET", "GET /api/stats", "/api/stats", null);
                p.setProperty("expect", "200");
            }
            case "ConfirmQueueFunction" -> {
                Need n = published(services, VILLAGE, Category.INSURANCE, 1);
                delivered(services, claimed(services, n, helper(helperId)), helper(helperId));
                http(p, "GET", "GET /api/confirm-queue", "/api/confirm-queue", admin);
                p.setProperty("expect", "200");
            }
            case "StatsAggregatorFunction" -> {
                // A need's first claim, with both images of the need exactly as the stream carries them.
                Need n = published(services, VILLAGE, Category.EDUCATION, 1);
                Map<String, AttributeValue> before = rawItem(TableDesign.needPk(n.id()), "NEED");
                claimed(services, n, helper(helperId));
                Map<String, AttributeValue> after = rawItem(TableDesign.needPk(n.id()), "NEED");
                p.setProperty("event", "dynamodb");
                p.setProperty("record.eventName", "MODIFY");
                p.setProperty("record.sequenceNumber", Long.toString(System.nanoTime()));
                image(p, "old.", before);
                image(p, "new.", after);
                p.setProperty("expect", "ok");
            }
            default -> throw new IllegalArgumentException("no cold-start request for " + functionId + ": add one to Fixtures");
        }
        return p;
    }

    private static void http(Properties p, String method, String routeKey, String rawPath, Actor who) {
        p.setProperty("event", "http");
        p.setProperty("http.method", method);
        p.setProperty("http.routeKey", routeKey);
        p.setProperty("http.rawPath", rawPath);
        p.setProperty("header.content-type", "application/json");
        p.setProperty("header.user-agent", "Mozilla/5.0 (bench)");
        if (who != null) {
            p.setProperty("claim.sub", who.id());
            p.setProperty("claim.name", who.displayName());
            StringBuilder roles = new StringBuilder("[");
            who.grants().forEach((r, a) -> roles.append(roles.length() > 1 ? " " : "").append(r.group()).append(a == null ? "" : ":" + a.code()));
            p.setProperty("claim.roles", roles.append(']').toString());
            p.setProperty("claim.token_use", "access");
        }
    }

    private static void image(Properties p, String prefix, Map<String, AttributeValue> item) {
        item.forEach((k, v) -> {
            if (v.s() != null) p.setProperty(prefix + k, "S:" + v.s());
            else if (v.n() != null) p.setProperty(prefix + k, "N:" + v.n());
            else if (v.bool() != null) p.setProperty(prefix + k, "BOOL:" + v.bool());
            else throw new IllegalStateException("attribute " + k + " of a type the probe does not write: " + v);
        });
    }
}
