package org.bangfu.core;

import java.time.DateTimeException;
import java.time.LocalDate;

/** The 18-character resident ID number (GB 11643): 6-digit area, birth date, sequence, ISO 7064 MOD 11-2 check character. */
public final class ChineseIdNumber {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private ChineseIdNumber() {
    }

    /** Null when valid, otherwise what is wrong. */
    public static String problem(String id) {
        if (id == null || !id.matches("\\d{17}[0-9X]")) return "须为18位身份证号 (17 digits and a digit or X)";
        try {
            LocalDate born = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            if (born.getYear() < 1900 || born.isAfter(LocalDate.now())) return "出生日期无效 (birth date out of range)";
        } catch (DateTimeException e) {
            return "出生日期无效 (birth date is not a real date)";
        }
        if (id.startsWith("00")) return "地区码无效 (no such region)";
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (id.charAt(i) - '0') * WEIGHTS[i];
        if (CHECK[sum % 11] != id.charAt(17)) return "校验位不正确 (check character does not match)";
        return null;
    }

    /** Appends the right check character to 17 digits; used to make demo and test data. */
    public static String withCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        return first17 + CHECK[sum % 11];
    }
}
