package org.bangfu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTest {
    @ParameterizedTest
    @CsvSource({"王小明, 王**", "李四, 李**", "王, 王**", "欧阳娜娜, 欧阳**", "司马相如儿, 司马**", "Li Wei, L**"})
    void keepsOnlyTheFamilyName(String name, String masked) {
        assertEquals(masked, Masking.maskName(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void blankNamesBecomeStarsOnly(String name) {
        assertEquals("**", Masking.maskName(name));
    }

    @Test
    void surroundingSpaceIsIgnored() {
        assertEquals("王**", Masking.maskName("  王小明 "));
    }

    @Test
    void aFamilyNameOutsideTheBasicPlaneIsKeptWhole() {
        // U+20BB7 𠮷 is a surrogate pair in UTF-16; masking must not split it.
        assertEquals("𠮷**", Masking.maskName("𠮷小明"));
    }

    @Test
    void aShortNameStartingWithACompoundSurnameKeepsOneCharacter() {
        // Two- and three-character names keep a single character, so nothing of the given name leaks.
        assertEquals("欧**", Masking.maskName("欧阳"));
        assertEquals("欧**", Masking.maskName("欧阳娜"));
    }

    @Test
    void householdMaskedNameUsesTheSameRule() {
        Household h = new Household("hh", "欧阳娜娜", Fixtures.ID_NUMBER, "13812345678", "地址地址地址", Fixtures.EAST_GATE);
        assertEquals("欧阳**", h.maskedName());
    }
}
