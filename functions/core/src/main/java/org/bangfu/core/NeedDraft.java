package org.bangfu.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a poster sends: the seven elements of a need, as parsed from the request. A null means the
 * value was missing (or of the wrong type, which the parser has already reported).
 */
public record NeedDraft(
        Category category,
        String title,
        String description,
        Integer quantity,
        String unit,
        Integer valueYuan,
        LocalDate deadline,
        AreaCode area,
        String householdName,
        String householdIdNumber,
        String householdPhone,
        String householdAddress,
        String contactName,
        String contactPhone) {

    public static final int MAX_QUANTITY = 10_000;
    public static final int MAX_VALUE_YUAN = 1_000_000;
    public static final int MAX_DAYS_AHEAD = 366;
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}");

    /**
     * An edit that leaves the ID number out keeps the one posted with the need: the poster's own view
     * does not show it again (it is shown once, at posting), so the form cannot send it back.
     */
    public NeedDraft keepingIdNumber(String posted) {
        if (householdIdNumber != null || posted == null) return this;
        return new NeedDraft(category, title, description, quantity, unit, valueYuan, deadline, area, householdName, posted,
                householdPhone, householdAddress, contactName, contactPhone);
    }

    /** Every rule a posting must meet; empty when it is fine. Mirrored by the site's form. */
    public List<FieldError> problems(LocalDate today, AreaRegistry areas) {
        List<FieldError> e = new ArrayList<>();
        if (category == null) e.add(new FieldError("category", "required", "必填：助医、助学、助残、家居微改善、助保险、助业或生活救助 (required)"));
        text(e, "title", title, 2, 60);
        multiline(e, "description", description, 10, 1000);
        if (quantity == null) e.add(new FieldError("quantity", "required", "必填，1 到 " + MAX_QUANTITY + " 的整数 (required)"));
        else if (quantity < 1 || quantity > MAX_QUANTITY) e.add(new FieldError("quantity", "range", "须为 1 到 " + MAX_QUANTITY + " 的整数"));
        text(e, "unit", unit, 1, 10);
        if (valueYuan != null && (valueYuan < 0 || valueYuan > MAX_VALUE_YUAN)) {
            e.add(new FieldError("valueYuan", "range", "须为 0 到 " + MAX_VALUE_YUAN + " 元"));
        }
        if (deadline == null) e.add(new FieldError("deadline", "required", "必填，格式 YYYY-MM-DD (required)"));
        else if (deadline.isBefore(today)) e.add(new FieldError("deadline", "past", "截止日期已过 (deadline is in the past)"));
        else if (deadline.isAfter(today.plusDays(MAX_DAYS_AHEAD))) e.add(new FieldError("deadline", "too_far", "截止日期不能超过一年 (at most a year ahead)"));
        if (area == null) e.add(new FieldError("areaCode", "required", "必填，12位村级行政区划代码 (required)"));
        else if (!area.isVillage()) e.add(new FieldError("areaCode", "not_village", "须具体到村 (must be a village)"));
        else if (!areas.exists(area)) e.add(new FieldError("areaCode", "unknown_area", "不是本平台的区划代码 (unknown area)"));
        text(e, "household.name", householdName, 2, 30);
        if (householdIdNumber == null) e.add(new FieldError("household.idNumber", "required", "必填 (required)"));
        else {
            String p = ChineseIdNumber.problem(householdIdNumber);
            if (p != null) e.add(new FieldError("household.idNumber", "id_number", p));
        }
        phone(e, "household.phone", householdPhone);
        text(e, "household.address", householdAddress, 5, 120);
        text(e, "contact.name", contactName, 2, 30);
        phone(e, "contact.phone", contactPhone);
        privateInPublic(e, "title", title);
        privateInPublic(e, "description", description);
        return e;
    }

    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    private static final Pattern ID_IN_TEXT = Pattern.compile("(?<![0-9Xx])\\d{17}[0-9Xx](?![0-9Xx])");

    /**
     * Title and description are public: they must not carry an ID number or a phone number (the
     * household's, the contact's or anyone's). Digits split by spaces or dashes count as one number.
     */
    private void privateInPublic(List<FieldError> e, String field, String v) {
        if (v == null || e.stream().anyMatch(x -> x.field().equals(field))) return; // one problem per field
        String joined = v.replaceAll("(?<=\\d)[\\s\\-\u2010-\u2015\uFF0D]+(?=\\d)", "");
        String upper = joined.toUpperCase(java.util.Locale.ROOT);
        boolean id = householdIdNumber != null && householdIdNumber.length() >= 15 && upper.contains(householdIdNumber.toUpperCase(java.util.Locale.ROOT));
        var ids = ID_IN_TEXT.matcher(upper);
        while (!id && ids.find()) id = ChineseIdNumber.problem(ids.group()) == null;
        if (id) {
            e.add(new FieldError(field, "contains_id_number", "公开内容不能含身份证号 (public text must not contain an ID number)"));
            return;
        }
        boolean phone = MOBILE_IN_TEXT.matcher(joined).find();
        for (String p : new String[] {householdPhone, contactPhone}) {
            String digits = p == null ? "" : p.replaceAll("\\D", "");
            if (digits.length() >= 7 && joined.replaceAll("\\D", " ").contains(digits)) phone = true;
        }
        if (phone) e.add(new FieldError(field, "contains_phone", "公开内容不能含电话号码 (public text must not contain a phone number)"));
    }

    /** One-line text: no line breaks, no control or text-direction characters. */
    static void text(List<FieldError> e, String field, String v, int min, int max) {
        checked(e, field, v, min, max, false);
    }

    /** Text that may have line breaks (\n or \r\n), nothing else invisible. */
    static void multiline(List<FieldError> e, String field, String v, int min, int max) {
        checked(e, field, v, min, max, true);
    }

    private static void checked(List<FieldError> e, String field, String v, int min, int max, boolean lines) {
        if (v == null || v.isBlank()) {
            e.add(new FieldError(field, "required", "必填 (required)"));
            return;
        }
        if (v.chars().anyMatch(c -> invisible(c, lines))) {
            e.add(new FieldError(field, lines ? "control_chars" : "one_line", lines ? "含有控制字符 (control characters)" : "不能换行或含控制字符 (one line, no control characters)"));
            return;
        }
        int n = v.strip().codePointCount(0, v.strip().length());
        if (n < min || n > max) e.add(new FieldError(field, "length", "长度须为 " + min + " 到 " + max + " 个字 (length " + min + "–" + max + ")"));
    }

    /** Control characters, DEL, and bidi overrides/isolates (which can make text read differently than it is). */
    private static boolean invisible(int c, boolean lines) {
        if (lines && (c == '\n' || c == '\r')) return false;
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    static void phone(List<FieldError> e, String field, String v) {
        if (v == null || v.isBlank()) e.add(new FieldError(field, "required", "必填 (required)"));
        else if (!PHONE.matcher(v).matches()) e.add(new FieldError(field, "phone", "须为11位手机号或带区号的固定电话 (mobile or landline)"));
    }
}
