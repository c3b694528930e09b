package org.bangfu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseIdNumberTest {
    /** The worked example of GB 11643-1999. */
    private static final String STANDARD_EXAMPLE = "11010519491231002X";

    @Test
    void theStandardsExampleIsValid() {
        assertNull(ChineseIdNumber.problem(STANDARD_EXAMPLE));
    }

    @Test
    void withCheckComputesTheIso7064CheckCharacter() {
        assertEquals(STANDARD_EXAMPLE, ChineseIdNumber.withCheck("11010519491231002"));
        String id = ChineseIdNumber.withCheck("32118119800101123");
        assertEquals(18, id.length());
        assertNull(ChineseIdNumber.problem(id));
    }

    @Test
    void aWrongCheckCharacterIsRejected() {
        String valid = ChineseIdNumber.withCheck("32118119800101123");
        for (char c : "0123456789X".toCharArray()) {
            if (c == valid.charAt(17)) continue;
            String wrong = valid.substring(0, 17) + c;
            String p = ChineseIdNumber.problem(wrong);
            assertNotNull(p, wrong);
            assertTrue(p.contains("校验位"), p);
        }
    }

    @Test
    void aChangedDigitBreaksTheCheck() {
        String valid = ChineseIdNumber.withCheck("32118119800101123");
        String typo = valid.substring(0, 3) + (valid.charAt(3) == '9' ? '8' : '9') + valid.substring(4);
        assertNotNull(ChineseIdNumber.problem(typo));
    }

    @ParameterizedTest
    @ValueSource(strings = {"32118119900230123", "32118119901301123", "32118119900100123", "32118120230229123"})
    void anImpossibleBirthDateIsRejectedEvenWithTheRightCheck(String first17) {
        String p = ChineseIdNumber.problem(ChineseIdNumber.withCheck(first17));
        assertNotNull(p);
        assertTrue(p.contains("出生日期"), p);
    }

    @Test
    void aLeapDayIsARealBirthDate() {
        assertNull(ChineseIdNumber.problem(ChineseIdNumber.withCheck("32118120000229123")));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "1101051949123100", "11010519491231002", "11010519491231002X1", "110105194912310X2X",
            "11010519491231002x", "11010519491231002 ", " 11010519491231002X"})
    void wrongLengthOrCharactersAreRejected(String id) {
        assertNotNull(ChineseIdNumber.problem(id));
    }

    @Test
    void aLowercaseXIsNotAccepted() {
        assertNull(ChineseIdNumber.problem(STANDARD_EXAMPLE));
        assertNotNull(ChineseIdNumber.problem(STANDARD_EXAMPLE.toLowerCase()));
    }
}
