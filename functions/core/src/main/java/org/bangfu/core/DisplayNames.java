package org.bangfu.core;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for a name a person gives themselves (helper sign-up and rename): it is shown to
 * the public on the leaderboard and to families on claims, so it must not pass for an office.
 * Trimmed, 2–20 code points, only assigned, visible characters (no control, format, bidi,
 * private-use or unassigned code points, which can reorder or hide what a reader sees).
 */
public final class DisplayNames {
    public static final int MIN = 2;
    public static final int MAX = 20;
    /** How long a chosen name stays before it may change again (so nobody hops names to shed a record). */
    public static final Duration RENAME_EVERY = Duration.ofDays(30);

    /**
     * Words that make a self-chosen name read as an institution or an official. Names of
     * organisations belong to verified organisations (they carry their own badge, see
     * Organisation), and the platform's own staff are never helpers; so no person's own name
     * needs them. Matched after removing spaces and punctuation, case-insensitively.
     */
    static final List<String> RESERVED = List.of(
            "民政局", "民政", "政府", "人民政府", "管理员", "官方", "扶贫办", "乡村振兴局", "振兴局", "居委会", "村委会",
            "委员会", "党委", "党支部", "书记", "镇长", "乡长", "县长", "市长", "村长", "主任", "局长", "公安", "派出所",
            "法院", "检察院", "街道办", "办事处", "平台", "客服", "系统", "帮扶认领", "官网", "认证", "红十字", "慈善总会",
            "admin", "official", "government", "system", "support");

    private DisplayNames() {
    }

    /** Why a name is refused: a stable code (required, length, hidden_characters, reserved_word) and the message. */
    public record Problem(String code, String message) {
    }

    /** The trimmed name, or 400 on field {@code field} saying why (Chinese, English in brackets). */
    public static String check(String field, String raw) {
        Optional<Problem> why = problem(raw);
        if (why.isPresent()) throw new DomainException.Invalid(field, why.get().code(), why.get().message());
        return raw.strip();
    }

    /** Why this name cannot be used, or empty when it can. */
    public static Optional<Problem> problem(String raw) {
        if (raw == null || raw.isBlank()) return Optional.of(new Problem("required", "请填写显示名称 (a display name is required)"));
        String name = raw.strip();
        int n = name.codePointCount(0, name.length());
        if (n < MIN || n > MAX) return Optional.of(new Problem("length", "显示名称 2 到 20 个字 (display name: 2–20 characters)"));
        if (name.codePoints().anyMatch(DisplayNames::hidden)) {
            return Optional.of(new Problem("hidden_characters", "显示名称含有不可见或控制字符 (invisible, control or bidi characters are not allowed)"));
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).codePoints().filter(Character::isLetterOrDigit)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().toLowerCase(Locale.ROOT);
        for (String word : RESERVED) {
            if (folded.contains(word)) {
                return Optional.of(new Problem("reserved_word", "显示名称不能含有“" + word + "”等机构或官方字样，单位请注册为爱心单位 (names that read as an office or official are reserved; register an organisation instead)"));
            }
        }
        return Optional.empty();
    }

    /** When a name chosen at {@code lastChosen} may change again. */
    public static Instant nextRename(Instant lastChosen) {
        return lastChosen.plus(RENAME_EVERY);
    }

    private static boolean hidden(int c) {
        if (Character.isWhitespace(c) && c != ' ') return true; // tabs, line breaks, odd spaces
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> c == 0x3164 || c == 0x115F || c == 0x1160 || c == 0xFFA0; // Hangul fillers: look like nothing
        };
    }
}
