package org.bangfu.fn.civicpointsexport;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.core.AreaCode;
import org.bangfu.core.DomainException;
import org.bangfu.store.PointsLedger;

/**
 * GET /api/exports/civic-points?area=&from=YYYY-MM&to=YYYY-MM: for an area admin, the credit
 * points earned in their area (or a part of it) over whole months, one row a person with a summary
 * of why, as CSV for the town's civic-practice points (文明实践积分) system. Sums the ledger lines
 * themselves, so the file always matches the ledger.
 */
public final class CivicPointsExportHandler extends HttpHandler {
    private static final int MAX_MONTHS = 24;

    public CivicPointsExportHandler() {
        this(Services.live());
    }

    public CivicPointsExportHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        AreaCode area = request.adminArea(services.areas(), "只有区域管理员可以导出 (area admins only)");
        YearMonth from = request.monthQuery("from").orElse(YearMonth.from(services.lifecycle().today()));
        YearMonth to = request.monthQuery("to").orElse(from);
        if (to.isBefore(from)) throw new DomainException.Invalid("to", "不能早于 from (before from)");
        if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) throw new DomainException.Invalid("to", "最多导出 " + MAX_MONTHS + " 个月");

        List<PointsLedger.Line> lines = services.points().linesIn(area, from, to);
        Map<String, Row> rows = new TreeMap<>();
        for (PointsLedger.Line l : lines) {
            rows.computeIfAbsent(l.personId(), id -> new Row(id, l.personName())).add(l);
        }
        StringBuilder csv = new StringBuilder("\uFEFF"); // BOM: Excel opens UTF-8 Chinese correctly
        csv.append("人员编号,姓名,积分,明细,区域,起始月份,截止月份\r\n");
        for (Row r : rows.values()) {
            csv.append(cell(r.personId)).append(',').append(cell(r.name)).append(',').append(r.points).append(',')
                    .append(cell(r.summary())).append(',').append(area.code()).append(',').append(from).append(',').append(to).append("\r\n");
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "text/csv; charset=utf-8");
        headers.put("content-disposition", "attachment; filename=\"civic-points-" + area.code() + "-" + from + "-" + to + ".csv\"");
        headers.put("cache-control", "no-store");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers).withBody(csv.toString())
                .withIsBase64Encoded(false).build();
    }

    /** CSV cell: quoted when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
    static String cell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) s = "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }

    private static final class Row {
        final String personId;
        final String name;
        int points;
        final Map<String, int[]> byRule = new TreeMap<>();

        Row(String personId, String name) {
            this.personId = personId;
            this.name = name;
        }

        void add(PointsLedger.Line l) {
            points += l.points();
            int[] c = byRule.computeIfAbsent(l.rule(), k -> new int[2]);
            c[0]++;
            c[1] += l.points();
        }

        String summary() {
            StringBuilder b = new StringBuilder();
            byRule.forEach((rule, c) -> {
                if (b.length() > 0) b.append("；");
                b.append(RULE_NAMES.getOrDefault(rule, rule)).append(' ').append(c[0]).append(" 次 ").append(c[1]).append(" 分");
            });
            return b.toString();
        }
    }

    private static final Map<String, String> RULE_NAMES = Map.of("review.done", "审核", "fulfilled.base", "完成帮扶",
            "value", "帮扶价值", "fast.bonus", "快速帮扶");

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /api/exports/civic-points", "/api/exports/civic-points", null, null, null, w.admin));
    }
}
