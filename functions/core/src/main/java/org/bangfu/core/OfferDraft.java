package org.bangfu.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What a helper sends to publish an offer. A null means missing (or already reported by the parser). */
public record OfferDraft(OfferKind kind, Category category, String title, String description, Integer quantity,
                         OfferCapacity capacity, String unit, AreaCode area, LocalDate until, String organisationId) {

    /** An offer counted once in all (the usual case). */
    public OfferDraft(OfferKind kind, Category category, String title, String description, Integer quantity, String unit,
                      AreaCode area, LocalDate until, String organisationId) {
        this(kind, category, title, description, quantity, OfferCapacity.TOTAL, unit, area, until, organisationId);
    }

    /** Every rule an offer must meet; empty when it is fine. */
    public List<FieldError> problems(LocalDate today, AreaRegistry areas) {
        List<FieldError> e = new ArrayList<>();
        if (kind == null) e.add(new FieldError("kind", "必填：GOODS 物资、SERVICE 服务、TRAINING 培训或 JOBS 就业岗位 (required)"));
        if (category == null) e.add(new FieldError("category", "必填：助医、助学、助残、家居微改善、助保险、助业或生活救助 (required)"));
        NeedDraft.text(e, "title", title, 2, 60);
        NeedDraft.multiline(e, "description", description, 10, 1000);
        if (quantity == null) e.add(new FieldError("quantity", "必填，1 到 " + NeedDraft.MAX_QUANTITY + " 的整数 (required)"));
        else if (quantity < 1 || quantity > NeedDraft.MAX_QUANTITY) e.add(new FieldError("quantity", "须为 1 到 " + NeedDraft.MAX_QUANTITY + " 的整数"));
        NeedDraft.text(e, "unit", unit, 1, 10);
        if (area == null) e.add(new FieldError("areaCode", "必填，12位行政区划代码：提供帮扶的范围 (required)"));
        else if (!areas.exists(area)) e.add(new FieldError("areaCode", "不是本平台的区划代码 (unknown area)"));
        if (until == null) e.add(new FieldError("until", "必填，格式 YYYY-MM-DD (required)"));
        else if (until.isBefore(today)) e.add(new FieldError("until", "日期已过 (in the past)"));
        else if (until.isAfter(today.plusDays(NeedDraft.MAX_DAYS_AHEAD))) e.add(new FieldError("until", "不能超过一年 (at most a year ahead)"));
        if (organisationId != null && !Ids.looksValid(organisationId, 'o')) e.add(new FieldError("organisationId", "没有这个单位 (no such organisation)"));
        return e;
    }
}
