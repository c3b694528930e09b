package org.bangfu.fn.importhelp;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.core.DomainException;
import org.bangfu.core.HelpImport;
import org.bangfu.core.Ids;
import org.bangfu.core.Role;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;

/**
 * POST /api/help-imports {source, csv}: an area admin imports help recorded outside the platform
 * (civil affairs, other organisations): CSV rows 身份证号,窗口,内容,来源,日期. Every bad row is a 400
 * naming its line, and then nothing is imported; a good file is imported whole (its lines count only
 * once the import record is written, with its audit line). Up to 2,000 rows, 256 KB.
 */
public final class ImportHelpHandler extends HttpHandler {
    static final int MAX_BYTES = 256 * 1024;

    public ImportHelpHandler() {
        this(Services.live());
    }

    public ImportHelpHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor admin = request.actor();
        if (admin.areaOf(Role.ADMIN) == null) {
            throw new DomainException.Forbidden("只有区域管理员可以导入帮扶记录 (area admins only)");
        }
        Body body = request.body(MAX_BYTES).only(Set.of("source", "csv", "areaCode"));
        String source = body.text("source");
        String csv = body.text("csv");
        AreaCode area = admin.areaOf(Role.ADMIN);
        String areaText = body.text("areaCode");
        if (areaText != null) {
            area = AreaCode.parse(areaText).filter(services.areas()::exists).orElse(null);
            if (area == null) body.error("areaCode", "不是本平台的区划代码 (unknown area)");
            else if (!admin.actsFor(Role.ADMIN, area)) throw new DomainException.Forbidden("只能导入本辖区 (outside your area)");
        }
        if (source == null || source.isBlank() || source.strip().length() > 40) body.error("source", "必填，1 到 40 字：记录来自哪里 (required)");
        if (csv == null) body.error("csv", "必填 (required)");
        body.done();
        HelpImport.Parsed parsed = HelpImport.parse(csv, services.lifecycle().today());
        if (!parsed.errors().isEmpty()) throw new DomainException.Invalid(parsed.errors());
        String importId = Ids.helpImport();
        services.help().importRecords(importId, parsed.rows(), admin.id(), area, source.strip(), services.lifecycle().now());
        return Responses.json(201, Json.object().put("id", importId).put("rows", parsed.rows().size()).put("areaCode", area.code()));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = ChineseIdNumber.withCheck(w.village.code().substring(0, 6) + "19600101002");
        String body = Json.write(Json.object().put("source", "预热").put("csv", "身份证号,窗口,内容,来源,日期\n" + id + ",助学,学费减免,民政局,"
                + services.lifecycle().today()));
        return List.of(Priming.request("POST", "POST /api/help-imports", "/api/help-imports", null, null, body, w.admin));
    }

}
