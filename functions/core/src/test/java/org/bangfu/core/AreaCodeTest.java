package org.bangfu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AreaCodeTest {
    private static final AreaCode PROVINCE = new AreaCode("320000000000");
    private static final AreaCode CITY = new AreaCode("321100000000");
    private static final AreaCode COUNTY = new AreaCode("321181000000");
    private static final AreaCode TOWN = new AreaCode("321181001000");
    private static final AreaCode VILLAGE = new AreaCode("321181001201");
    private static final AreaCode SIBLING_VILLAGE = new AreaCode("321181001202");
    private static final AreaCode OTHER_TOWN_VILLAGE = new AreaCode("321181102201");
    private static final AreaCode OTHER_PROVINCE_VILLAGE = new AreaCode("430225100201");

    @ParameterizedTest
    @CsvSource({
            "320000000000, 1, PROVINCE, 32",
            "321100000000, 2, CITY, 3211",
            "321181000000, 3, COUNTY, 321181",
            "321181001000, 4, TOWN, 321181001",
            "321181001201, 5, VILLAGE, 321181001201"})
    void levelIsSetByTheLastNonZeroSegmentAndPrefixIsTheSignificantDigits(String code, int level, AreaLevel areaLevel,
                                                                          String prefix) {
        AreaCode a = new AreaCode(code);
        assertEquals(level, a.level());
        assertEquals(areaLevel, a.areaLevel());
        assertEquals(prefix, a.prefix());
        assertEquals(level == 5, a.isVillage());
    }

    @Test
    void aZeroSegmentInsideANonZeroSegmentStillCounts() {
        // village segment "010" is non-zero even though it ends with a zero
        AreaCode a = new AreaCode("321181001010");
        assertEquals(5, a.level());
        assertEquals("321181001010", a.prefix());
        AreaCode town = new AreaCode("321181100000");
        assertEquals(4, town.level());
        assertEquals("321181100", town.prefix());
    }

    @Test
    void everyAreaContainsItselfAndEverythingBelowIt() {
        assertTrue(VILLAGE.contains(VILLAGE));
        assertTrue(TOWN.contains(VILLAGE));
        assertTrue(COUNTY.contains(TOWN));
        assertTrue(COUNTY.contains(VILLAGE));
        assertTrue(CITY.contains(VILLAGE));
        assertTrue(PROVINCE.contains(VILLAGE));
        assertTrue(PROVINCE.contains(COUNTY));
    }

    @Test
    void containmentDoesNotGoUpwardsOrSideways() {
        assertFalse(VILLAGE.contains(TOWN), "a village does not contain its town");
        assertFalse(TOWN.contains(COUNTY));
        assertFalse(VILLAGE.contains(SIBLING_VILLAGE), "sibling villages are disjoint");
        assertFalse(SIBLING_VILLAGE.contains(VILLAGE));
        assertFalse(TOWN.contains(OTHER_TOWN_VILLAGE), "a village of another town is not inside this town");
        assertTrue(COUNTY.contains(OTHER_TOWN_VILLAGE), "but both towns are in the same county");
        assertFalse(PROVINCE.contains(OTHER_PROVINCE_VILLAGE));
        assertFalse(COUNTY.contains(OTHER_PROVINCE_VILLAGE));
        assertFalse(OTHER_PROVINCE_VILLAGE.contains(VILLAGE));
    }

    @Test
    void parentIsOneLevelUpAndAProvinceHasNone() {
        assertEquals(Optional.of(TOWN), VILLAGE.parent());
        assertEquals(Optional.of(COUNTY), TOWN.parent());
        assertEquals(Optional.of(CITY), COUNTY.parent());
        assertEquals(Optional.of(PROVINCE), CITY.parent());
        assertEquals(Optional.empty(), PROVINCE.parent());
    }

    @Test
    void provinceIsTheFirstTwoDigits() {
        assertEquals("32", VILLAGE.province());
        assertEquals("43", OTHER_PROVINCE_VILLAGE.province());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "32118100120", "3211810012011", "32118100120a", " 321181001201", "３２１１８１００１２０１"})
    void rejectsAnythingButTwelveDigits(String code) {
        assertThrows(IllegalArgumentException.class, () -> new AreaCode(code));
        assertTrue(AreaCode.parse(code).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"000000000000", "001181001201"})
    void rejectsCodesWithoutAProvince(String code) {
        assertThrows(IllegalArgumentException.class, () -> new AreaCode(code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"320000001000", "320000000201", "321100001000", "321181000201", "320081000000"})
    void rejectsCodesThatSkipALevel(String code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AreaCode(code));
        assertTrue(e.getMessage().contains("skips"), e.getMessage());
    }

    @Test
    void parseAcceptsAValidCode() {
        assertEquals(Optional.of(VILLAGE), AreaCode.parse("321181001201"));
    }

    @Test
    void codesWithTheSameDigitsAreEqual() {
        assertEquals(new AreaCode("321181001201"), VILLAGE);
        assertEquals("321181001201", VILLAGE.toString());
    }
}
