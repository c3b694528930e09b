package org.bangfu.core;

import java.util.ArrayList;
import java.util.List;

/** What a helper sends to register an organisation. A null means missing (or already reported by the parser). */
public record OrganisationDraft(String name, OrganisationKind kind, AreaCode area, String contactName, String contactPhone,
                                String about) {

    /** Every rule a registration must meet; empty when it is fine. */
    public List<FieldError> problems(AreaRegistry areas) {
        List<FieldError> e = new ArrayList<>();
        NeedDraft.text(e, "name", name, 2, 60);
        if (kind == null) e.add(new FieldError("kind", "必填：企业、商会、行业协会、慈善组织、学校、机关单位或其他 (required)"));
        if (area == null) e.add(new FieldError("areaCode", "必填，12位行政区划代码 (required)"));
        else if (!areas.exists(area)) e.add(new FieldError("areaCode", "不是本平台的区划代码 (unknown area)"));
        NeedDraft.text(e, "contact.name", contactName, 2, 30);
        NeedDraft.phone(e, "contact.phone", contactPhone);
        if (about != null) NeedDraft.multiline(e, "about", about, 0, 300);
        return e;
    }
}
