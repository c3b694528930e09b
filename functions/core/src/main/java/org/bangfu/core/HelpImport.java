package org.bangfu.core;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An admin's CSV of help recorded outside the platform (civil affairs, other organisations): one row
 * per piece of help, columns 身份证号, 窗口, 内容, 来源, 日期 (ID number, window, what, from, date,
 * YYYY-MM-DD). A first row of column names is skipped. Every bad row is reported with its line number,
 * and a file with any bad row is refused as a whole.
 */
public final class HelpImport {
    public static final int MAX_ROWS = 2000;

    private HelpImport() {
    }

    public record Parsed(List<Row> rows, List<FieldError> errors) {
    }

    /** A good row: the household's key (the ID number itself is not kept), and what it received. */
    public record Row(int line, String householdId, Category category, String what, String from, LocalDate date) {
        public HelpRecord record(String importId) {
            return new HelpRecord(householdId, category, what, from, date, HelpRecord.Source.IMPORTED, importId + ":" + line);
        }
    }

    public static Parsed parse(String csv, LocalDate today) {
        List<Row> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        if (csv == null || csv.isBlank()) return new Parsed(rows, List.of(new FieldError("csv", "文件为空 (the file is empty)")));
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            String raw = lines[i];
            if (raw.isBlank()) continue;
            List<String> cells = cells(raw);
            if (cells == null) {
                errors.add(new FieldError("line " + line, "引号不成对 (unbalanced quotes)"));
                continue;
            }
            if (rows.isEmpty() && errors.isEmpty() && isHeader(cells)) continue;
            if (cells.size() != 5) {
                errors.add(new FieldError("line " + line, "须为 5 列：身份证号,窗口,内容,来源,日期 (5 columns), 实为 " + cells.size()));
                continue;
            }
            List<String> problems = new ArrayList<>();
            String id = cells.get(0).strip().toUpperCase(java.util.Locale.ROOT);
            String p = ChineseIdNumber.problem(id);
            if (p != null) problems.add("身份证号 " + p);
            Category category = Category.parse(cells.get(1).strip()).orElse(null);
            if (category == null) problems.add("窗口须为助医、助学、助残、家居微改善、助保险、助业或生活救助 (unknown window)");
            String what = cells.get(2).strip();
            String from = cells.get(3).strip();
            List<FieldError> text2 = new ArrayList<>();
            NeedDraft.text(text2, "内容", what, 1, 60);
            NeedDraft.text(text2, "来源", from, 1, 40);
            text2.forEach(e -> problems.add(e.field() + " " + e.message()));
            LocalDate date = null;
            try {
                date = LocalDate.parse(cells.get(4).strip());
                if (date.isAfter(today)) problems.add("日期不能在今天之后 (date in the future)");
                else if (date.getYear() < 2000) problems.add("日期过早 (before 2000)");
            } catch (DateTimeParseException e) {
                problems.add("日期格式须为 YYYY-MM-DD (date)");
            }
            if (!problems.isEmpty()) {
                errors.add(new FieldError("line " + line, String.join("；", problems)));
                continue;
            }
            rows.add(new Row(line, Household.idFor(id), category, what, from, date));
            if (rows.size() > MAX_ROWS) {
                return new Parsed(List.of(), List.of(new FieldError("csv", "最多 " + MAX_ROWS + " 行，请分批导入 (at most " + MAX_ROWS + " rows a file)")));
            }
        }
        if (rows.isEmpty() && errors.isEmpty()) errors.add(new FieldError("csv", "没有数据行 (no rows)"));
        return new Parsed(errors.isEmpty() ? rows : List.of(), errors);
    }

    private static boolean isHeader(List<String> cells) {
        String first = cells.get(0).strip();
        return first.contains("身份证") || first.equalsIgnoreCase("idNumber") || first.equalsIgnoreCase("id");
    }

    /** One CSV line's cells (RFC 4180 quoting, no line breaks inside a cell); null if a quote is left open. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) return null;
        out.add(cell.toString());
        return out;
    }
}
