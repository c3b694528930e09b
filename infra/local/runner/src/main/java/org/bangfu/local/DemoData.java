package org.bangfu.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.lambda.Services;
import org.bangfu.store.PeopleStore;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Change;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.core.Claim;
import org.bangfu.core.Ids;
import org.bangfu.core.Grant;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Person;
import org.bangfu.core.Phone;
import org.bangfu.core.Need;
import org.bangfu.core.NeedDraft;
import org.bangfu.core.HelpImport;
import org.bangfu.core.OfferDraft;
import org.bangfu.core.OfferKind;
import org.bangfu.core.Organisation;
import org.bangfu.core.OrganisationDraft;
import org.bangfu.core.OrganisationKind;
import org.bangfu.core.Role;
import org.bangfu.core.Supply;

/**
 * A living system for a newcomer: needs in every state, made through the same lifecycle rules
 * and repository as real requests (so demo data can never be in a state the rules forbid).
 * Names, ID numbers and phone numbers are invented.
 */
public final class DemoData {
    private final Services services;
    private final Map<String, Actor> users = new HashMap<>();
    private int seq;

    private final JsonNode demoUsers;

    public DemoData(Services services, JsonNode demoUsers) {
        this.services = services;
        this.demoUsers = demoUsers;
        for (JsonNode u : demoUsers) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            u.path("groups").forEach(g -> Role.fromGroup(g.asText()).ifPresent(roles::add));
            AreaCode area = u.hasNonNull("area") ? new AreaCode(u.path("area").asText()) : null;
            users.put(u.path("sub").asText(), new Actor(u.path("sub").asText(), u.path("name").asText(), roles, area));
        }
    }

    public void load() {
        people();
        Lifecycle life = services.lifecycle();
        LocalDate today = life.today();

        // Help given in past weeks, each step on the day it happened, so the transparency page has a history.
        helpedInThePast("li-shuji", Category.MEDICAL, "助行器一台", "老人膝关节退化，走路需要助行器支撑，方便在家和院子里活动。", 1, "台", 300,
                "321181001201", "钱桂芳", "东门村6组2号", "wang-dabo", "chen-xiao", "yunyang-yiyuan", 52, 0.3, 4);
        helpedInThePast("zhou-zhuren", Category.EDUCATION, "初中生校服两套", "家中两个孩子上初中，校服已经穿不下，需要各一套新校服。", 2, "套", 400,
                "321181102201", "孙建平", "蒋墅村3组5号", "sun-weiyuan", "wu-jing", "zhang-xiansheng", 45, 2, 6);
        helpedInThePast("li-shuji", Category.HOME_IMPROVEMENT, "门窗防风改造", "老屋木门窗漏风，冬天室内很冷，需要更换门窗密封条并修补窗框。", 1, "项", 900,
                "321181001201", "李大山", "东门村7组12号", "wang-dabo", "chen-xiao", "yanjing-shanghui", 40, 5, 12);
        helpedInThePast("zhou-zhuren", Category.DISABILITY, "盲杖和语音手表", "视障老人独自出门不便，需要一根折叠盲杖和一块语音报时手表。", 1, "套", 350,
                "321181102201", "周阿明", "蒋墅村1组8号", "sun-weiyuan", "wu-jing", "yunyang-yiyuan", 33, 9, 20);
        helpedInThePast("yanling-poster", Category.DAILY_LIVING, "冬季取暖炭火", "独居老人家中无取暖设备，需要一个冬季的木炭和一个安全炭盆。", 1, "份", 500,
                "430225100201", "刘满秀", "沔渡村2组", "yanling-council", "yanling-volunteer", "zhang-xiansheng", 70, 20, 33);
        helpedInThePast("yanling-poster", Category.EDUCATION, "高中生住校生活费", "高一学生住校，家里难以负担一学期的伙食费，需要一个学期的生活补助。", 1, "学期", 1500,
                "430225100201", "谭小军", "沔渡村5组", "yanling-council", "yanling-volunteer", "yanjing-shanghui", 26, 1, 10);

        // Published, waiting for helpers.
        Need wheelchair = publish(post("li-shuji", Category.DISABILITY, "轮椅一台",
                "王大爷今年72岁，去年中风后左腿行动不便，需要一台可折叠的轮椅，方便到村卫生室复诊。", 1, "台", 800,
                today.plusDays(40), "321181001201", "王德福", "东门村3组18号"), "wang-dabo", "chen-xiao");
        publish(post("li-shuji", Category.HOME_IMPROVEMENT, "屋顶漏雨修缮",
                "独居老人家中老屋屋顶瓦片破损，雨天漏雨严重，需要请工匠修补屋顶并更换部分瓦片。", 1, "项", 3000,
                today.plusDays(25), "321181001201", "赵秀英", "东门村5组7号"), "wang-dabo", "chen-xiao");
        Need schoolbags = publish(post("zhou-zhuren", Category.EDUCATION, "小学生书包和文具",
                "蒋墅村留守儿童较多，新学期需要书包和文具套装，每套含书包、文具盒、笔和本子。", 20, "套", 2400,
                today.plusDays(60), "321181102201", "蒋建国", "蒋墅村村委会代收"), "sun-weiyuan", "wu-jing");
        claim(schoolbags, "yanjing-shanghui", 8);
        publish(post("zhou-zhuren", Category.INSURANCE, "大病补充保险一年",
                "家中主要劳动力患慢性病，希望为其购买一年的大病补充商业保险，减轻重病风险。", 1, "份", 600,
                today.plusDays(90), "321181102201", "钱小红", "蒋墅村2组22号"), "sun-weiyuan", "wu-jing");
        publish(post("yanling-poster", Category.MEDICAL, "透析往返交通补助",
                "患者每周需到县人民医院透析三次，往返路费负担重，需要三个月的交通补助。", 3, "个月", 1500,
                today.plusDays(30), "430225100201", "谭春花", "沔渡村4组"), "yanling-council", "yanling-volunteer");

        // Claimed, not yet delivered.
        Need glasses = publish(post("li-shuji", Category.MEDICAL, "老花镜验配",
                "老人视力下降，看不清药瓶上的说明，需要到眼镜店验光并配一副老花镜。", 1, "副", 200,
                today.plusDays(20), "321181001201", "孙桂兰", "东门村1组3号"), "wang-dabo", "chen-xiao");
        claim(glasses, "yanjing-shanghui", 1);

        // Delivered, waiting for confirmation.
        Need desk = publish(post("li-shuji", Category.EDUCATION, "学习桌椅一套",
                "初二学生在家没有书桌，只能趴在床上写作业，需要一套学习桌椅和一盏台灯。", 1, "套", 500,
                today.plusDays(15), "321181001201", "周雨萱", "东门村2组9号"), "wang-dabo", "chen-xiao");
        deliver(claim(desk, "zhang-xiansheng", 1), "zhang-xiansheng", "已送到家中并组装好，孩子很喜欢。");

        // Fulfilled: delivered and confirmed, delisted for good.
        Need rails = publish(post("zhou-zhuren", Category.HOME_IMPROVEMENT, "卫生间扶手安装",
                "老人如厕起身困难，多次摔倒，需要在卫生间安装不锈钢扶手和防滑垫。", 1, "项", 400,
                today.plusDays(10), "321181102201", "吴老汉", "蒋墅村6组1号"), "sun-weiyuan", "wu-jing");
        Claim railsClaim = deliver(claim(rails, "yunyang-yiyuan", 1), "yunyang-yiyuan", "扶手和防滑垫已安装完毕。");
        step(life.confirm(fresh(rails), railsClaim, users.get("danyang-minzheng")));

        // Waiting for review: one untouched, one with the council's approval.
        Need quilts = post("li-shuji", Category.DAILY_LIVING, "冬季棉被两床",
                "低保户家中被褥陈旧单薄，冬天寒冷，需要两床厚棉被。", 2, "床", 400,
                today.plusDays(30), "321181001201", "陈阿婆", "东门村4组11号");
        Need stove = post("yanling-poster", Category.HOME_IMPROVEMENT, "厨房灶台改造",
                "老式柴灶烟大，老人咳嗽加重，需要改造成节能灶并安装排烟管。", 1, "项", 1200,
                today.plusDays(45), "430225100201", "罗大娘", "沔渡村3组");
        step(life.review(stove, users.get("yanling-council"), Role.COUNCIL, true, null));

        // Rejected, with the reason shown to the poster.
        Need phone = post("zhou-zhuren", Category.DAILY_LIVING, "智能手机一部",
                "希望有一部智能手机，方便和外地打工的子女视频通话。", 1, "部", 1000,
                today.plusDays(30), "321181102201", "黄大叔", "蒋墅村7组");
        step(life.review(phone, users.get("sun-weiyuan"), Role.COUNCIL, false, "经核实家中已有可用手机，建议改报其他需求。"));

        supplySide(today, wheelchair, quilts);
    }

    /**
     * The supply side: 丹阳眼镜商会 registered and verified as an alliance member, with an offer of
     * wheelchairs for the county (it fits 王大爷's need, whose poster can propose it); and a civil-affairs
     * record that 陈阿婆's household received quilts two months ago, so her new need is flagged in the queue.
     */
    /**
     * The demo people as identity keeps people: a person with an (invented) phone and their roles, so
     * they can also sign in by phone and SMS code, and the notices that ask for action reach the outbox.
     */
    private void people() {
        PeopleStore people = services.people();
        Instant now = services.lifecycle().now();
        for (JsonNode u : demoUsers) {
            String sub = u.path("sub").asText();
            String phone = Phone.parse(u.path("phone").asText()).orElseThrow(() -> new IllegalStateException("demo phone of " + sub));
            Person p = people.getOrCreate(phone, sub, u.path("name").asText(), now);
            for (Role role : users.get(sub).roles()) {
                boolean helper = role == Role.HELPER;
                people.grant(p, new Grant(role, helper ? null : users.get(sub).areaOf(role), helper ? sub : "demo", now),
                        helper ? "helper-join" : "grant-role", p.grants().get(role));
            }
        }
    }

    private void supplySide(LocalDate today, Need wheelchair, Need quilts) {
        Supply supply = services.supplyRules();
        Actor chamber = users.get("yanjing-shanghui");
        AreaCode county = new AreaCode("321181000000");
        Supply.Registration r = supply.register(new OrganisationDraft("丹阳眼镜商会", OrganisationKind.CHAMBER, county, "陈会长",
                "13900005555", "丹阳眼镜行业的商会，会员企业参与帮扶。"), List.of(), chamber, Ids.organisation());
        services.supply().register(r);
        Organisation verified = supply.decide(r.organisation(), users.get("danyang-minzheng"), true, null);
        services.supply().decide(r.organisation(), verified);
        services.supply().publish(supply.publish(new OfferDraft(OfferKind.GOODS, wheelchair.category(), "可折叠轮椅",
                "商会会员企业捐赠的可折叠轮椅，送给行动不便的困难群众，可送货上门。", 20, "台", county, today.plusDays(90), verified.id()),
                List.of(), chamber, verified, true, Ids.offer()));
        services.help().importRecords(Ids.helpImport(), List.of(new HelpImport.Row(2, quilts.householdId(), quilts.category(),
                "冬季慰问棉被一床", "丹阳市民政局", today.minusMonths(2))), "danyang-minzheng", county, "丹阳市民政局",
                services.lifecycle().now());
    }

    /**
     * A need published {@code daysAgo}, first claimed after {@code daysToClaim} and fulfilled after
     * {@code daysToFulfil} (within the claim's 14 days, as claim hygiene would otherwise have released it).
     */
    private void helpedInThePast(String poster, Category category, String title, String description, int quantity, String unit,
                                 Integer value, String area, String householdName, String address, String council, String volunteer,
                                 String helper, int daysAgo, double daysToClaim, double daysToFulfil) {
        Instant published = services.lifecycle().now().minus(Duration.ofDays(daysAgo));
        Lifecycle then = at(published);
        Need need = post(then, poster, category, title, description, quantity, unit, value, then.today().plusDays(60), area,
                householdName, address);
        need = step(then.review(need, users.get(council), Role.COUNCIL, true, null));
        need = step(then.review(fresh(need), users.get(volunteer), Role.VOLUNTEER, true, "已入户核实"));
        Change claimed = at(published.plusSeconds((long) (daysToClaim * 86_400))).claim(fresh(need), users.get(helper), quantity, Ids.claim(),
                services.needs().helperRecord(users.get(helper).id()));
        services.needs().claim(claimed);
        Lifecycle done = at(published.plusSeconds((long) (daysToFulfil * 86_400)));
        Claim delivered = stepClaim(done.deliver(fresh(need), claimed.claim(), users.get(helper), "已送到并当面交接。", null));
        step(done.confirm(fresh(need), delivered, users.get(poster)));
    }

    private Lifecycle at(Instant instant) {
        Lifecycle now = services.lifecycle();
        return new Lifecycle(Clock.fixed(instant, ZoneOffset.UTC), now.areas(), now.rules());
    }

    private Need post(String poster, Category category, String title, String description, int quantity, String unit,
                      Integer value, LocalDate deadline, String area, String householdName, String address) {
        return post(services.lifecycle(), poster, category, title, description, quantity, unit, value, deadline, area, householdName, address);
    }

    private Need post(Lifecycle life, String poster, Category category, String title, String description, int quantity, String unit,
                      Integer value, LocalDate deadline, String area, String householdName, String address) {
        seq++;
        String id17 = String.format("%s19%02d%02d%02d%03d", area.substring(0, 6), 40 + seq, 1 + seq % 12, 10 + seq % 18, seq);
        NeedDraft draft = new NeedDraft(category, title, description, quantity, unit, value, deadline, new AreaCode(area),
                householdName, ChineseIdNumber.withCheck(id17), "1380000" + String.format("%04d", 1000 + seq),
                address, users.get(poster).displayName().replaceAll("（.*）", ""), "1390000" + String.format("%04d", 2000 + seq));
        Lifecycle.Posting posting = life.post(draft, users.get(poster), Ids.need());
        services.needs().create(posting);
        return posting.need();
    }

    private Need publish(Need need, String council, String volunteer) {
        step(services.lifecycle().review(fresh(need), users.get(council), Role.COUNCIL, true, null));
        return step(services.lifecycle().review(fresh(need), users.get(volunteer), Role.VOLUNTEER, true, "已入户核实"));
    }

    private Claim claim(Need need, String helper, int quantity) {
        Change c = services.lifecycle().claim(fresh(need), users.get(helper), quantity, Ids.claim(),
                services.needs().helperRecord(users.get(helper).id()));
        services.needs().claim(c);
        return c.claim();
    }

    private Claim deliver(Claim claim, String helper, String note) {
        return stepClaim(services.lifecycle().deliver(fresh(claim.needId()), claim, users.get(helper), note, null));
    }

    private Need step(Change c) {
        services.needs().apply(c);
        return c.after();
    }

    private Claim stepClaim(Change c) {
        services.needs().apply(c);
        return c.claim();
    }

    private Need fresh(Need n) {
        return fresh(n.id());
    }

    private Need fresh(String id) {
        return services.needs().need(id).orElseThrow();
    }
}
