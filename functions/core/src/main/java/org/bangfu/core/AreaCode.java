package org.bangfu.core;

import java.util.Optional;

/**
 * A 12-digit administrative code (GB/T 2260 plus town and village segments):
 * province 2, city 2, county 2, town 3, village 3 digits. A code names an area at the level of
 * its last non-zero segment; everything below it shares its prefix.
 */
public record AreaCode(String code) {
    private static final int[] SEGMENT_ENDS = {2, 4, 6, 9, 12};

    public AreaCode {
        if (code == null || !code.matches("\\d{12}")) {
            throw new IllegalArgumentException("area code must be 12 digits");
        }
        if (code.startsWith("00")) {
            throw new IllegalArgumentException("area code has no province");
        }
        // A zero segment may not sit above a non-zero one (e.g. 320000001000).
        boolean zeroSeen = false;
        int start = 0;
        for (int end : SEGMENT_ENDS) {
            boolean zero = code.substring(start, end).chars().allMatch(c -> c == '0');
            if (!zero && zeroSeen) throw new IllegalArgumentException("area code skips a level");
            zeroSeen |= zero;
            start = end;
        }
    }

    public static Optional<AreaCode> parse(String value) {
        try {
            return Optional.of(new AreaCode(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** 1 province, 2 city, 3 county, 4 town, 5 village. */
    public int level() {
        return levelOf(prefix().length());
    }

    public AreaLevel areaLevel() {
        return AreaLevel.values()[level() - 1];
    }

    public boolean isVillage() {
        return level() == 5;
    }

    /** The significant digits: every code inside this area starts with them. */
    public String prefix() {
        int significant = 2;
        int start = 0;
        for (int end : SEGMENT_ENDS) {
            if (!code.substring(start, end).chars().allMatch(c -> c == '0')) significant = end;
            start = end;
        }
        return code.substring(0, significant);
    }

    /** True when {@code other} is this area or lies below it. */
    public boolean contains(AreaCode other) {
        return other.code.startsWith(prefix());
    }

    /** The enclosing area one level up, or empty for a province. */
    public Optional<AreaCode> parent() {
        int level = level();
        if (level == 1) return Optional.empty();
        String p = prefix().substring(0, SEGMENT_ENDS[level - 2]);
        return Optional.of(new AreaCode(padded(p)));
    }

    public String province() {
        return code.substring(0, 2);
    }

    /** The area whose significant digits are prefix ("3211" → 321100000000). */
    public static String padded(String prefix) {
        return (prefix + "000000000000").substring(0, 12);
    }

    private static int levelOf(int prefixLength) {
        for (int i = 0; i < SEGMENT_ENDS.length; i++) {
            if (SEGMENT_ENDS[i] == prefixLength) return i + 1;
        }
        throw new IllegalStateException("unreachable");
    }

    @Override
    public String toString() {
        return code;
    }
}
