package org.bangfu.core;

/** How personal values look in public: the family name and stars. */
public final class Masking {
    private Masking() {
    }

    /** 王小明 → 王**, 欧阳娜娜 → 欧阳**, Li Wei → L**. Two-character compound surnames are kept whole. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) return "**";
        String n = name.strip();
        int keep = n.codePointCount(0, n.length()) >= 4 && COMPOUND.contains(n.substring(0, n.offsetByCodePoints(0, 2))) ? 2 : 1;
        return n.substring(0, n.offsetByCodePoints(0, keep)) + "**";
    }

    private static final java.util.Set<String> COMPOUND = java.util.Set.of(
            "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯");
}
