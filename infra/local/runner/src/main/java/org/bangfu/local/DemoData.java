package org.bangfu.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.bangfu.api.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Change;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.core.Claim;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedDraft;
import org.bangfu.core.Role;

/**
 * A living system for a newcomer: needs in every state, made through the same lifecycle rules
 * and repository as real requests (so demo data can never be in a state the rules forbid).
 * Names, ID numbers and phone numbers are invented.
 */
public final class DemoData {
    private final Services services;
    private final Map<String, Actor> users = new HashMap<>();
    private int seq;

    public DemoData(Services services, JsonNode demoUsers) {
        this.services = services;
        for (JsonNode u : demoUsers) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            u.path("groups").forEach(g -> Role.fromGroup(g.asText()).ifPresent(roles::add));
            AreaCode area = u.hasNonNull("area") ? new AreaCode(u.path("area").asText()) : null;
            users.put(u.path("sub").asText(), new Actor(u.path("sub").asText(), u.path("name").asText(), roles, area));
        }
    }

    public void load() {
        Lifecycle life = services.lifecycle();
        LocalDate today = life.today();

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
        post("li-shuji", Category.DAILY_LIVING, "冬季棉被两床",
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
    }

    private Need post(String poster, Category category, String title, String description, int quantity, String unit,
                      Integer value, LocalDate deadline, String area, String householdName, String address) {
        seq++;
        String id17 = String.format("%s19%02d%02d%02d%03d", area.substring(0, 6), 40 + seq, 1 + seq % 12, 10 + seq % 18, seq);
        NeedDraft draft = new NeedDraft(category, title, description, quantity, unit, value, deadline, new AreaCode(area),
                householdName, ChineseIdNumber.withCheck(id17), "1380000" + String.format("%04d", 1000 + seq),
                address, users.get(poster).displayName().replaceAll("（.*）", ""), "1390000" + String.format("%04d", 2000 + seq));
        Lifecycle.Posting posting = services.lifecycle().post(draft, users.get(poster), Ids.need());
        services.needs().create(posting);
        return posting.need();
    }

    private Need publish(Need need, String council, String volunteer) {
        step(services.lifecycle().review(fresh(need), users.get(council), Role.COUNCIL, true, null));
        return step(services.lifecycle().review(fresh(need), users.get(volunteer), Role.VOLUNTEER, true, "已入户核实"));
    }

    private Claim claim(Need need, String helper, int quantity) {
        Change c = services.lifecycle().claim(fresh(need), users.get(helper), quantity, Ids.claim());
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
