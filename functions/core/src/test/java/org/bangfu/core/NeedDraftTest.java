package org.bangfu.core;

import static org.bangfu.core.Fixtures.TODAY;
import static org.bangfu.core.Fixtures.draft;
import static org.bangfu.core.Fixtures.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bangfu.core.Fixtures.DraftBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NeedDraftTest {
    private static final AreaRegistry AREAS = AreaRegistry.bundled();

    private static List<String> problemFields(DraftBuilder d) {
        return fields(d.build().problems(TODAY, AREAS));
    }

    private static void onlyBreaks(String field, DraftBuilder d) {
        assertEquals(List.of(field), problemFields(d));
    }

    private static void isFine(DraftBuilder d) {
        assertEquals(List.of(), problemFields(d));
    }

    @Test
    void aFullyValidDraftHasNoProblems() {
        isFine(draft());
    }

    @Test
    void anEmptyDraftReportsEveryRequiredFieldOnce() {
        NeedDraft empty = new NeedDraft(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("category", "title", "description", "quantity", "unit", "deadline", "areaCode",
                "household.name", "household.idNumber", "household.phone", "household.address", "contact.name",
                "contact.phone"), fields(empty.problems(TODAY, AREAS)));
    }

    @Test
    void categoryIsRequired() {
        onlyBreaks("category", draft().category(null));
    }

    @Test
    void titleIsTwoToSixtyCharacters() {
        onlyBreaks("title", draft().title(null));
        onlyBreaks("title", draft().title("   "));
        onlyBreaks("title", draft().title("米"));
        onlyBreaks("title", draft().title("米".repeat(61)));
        isFine(draft().title("大米"));
        isFine(draft().title("米".repeat(60)));
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        // 𠮷 is two UTF-16 units but one character: 60 of them are a legal title
        isFine(draft().title("𠮷".repeat(60)));
        onlyBreaks("title", draft().title("𠮷"));
    }

    @Test
    void lengthsIgnoreSurroundingSpace() {
        onlyBreaks("title", draft().title("  米  "));
    }

    @Test
    void descriptionIsTenToAThousandCharacters() {
        onlyBreaks("description", draft().description(null));
        onlyBreaks("description", draft().description("太短了的描述九个"));
        onlyBreaks("description", draft().description("字".repeat(1001)));
        isFine(draft().description("字".repeat(10)));
        isFine(draft().description("字".repeat(1000)));
    }

    @Test
    void descriptionMayHaveLineBreaks() {
        isFine(draft().description("第一行说明文字。\n第二行说明文字。"));
    }

    @Test
    void controlCharactersAreRejected() {
        onlyBreaks("description", draft().description("第一行说明文字。\t第二行说明文字。"));
        onlyBreaks("description", draft().description("说明文字说明文字\u0000说明"));
        onlyBreaks("title", draft().title("助听\u0007器"));
        onlyBreaks("household.address", draft().householdAddress("东门村\u001b三组12号"));
        onlyBreaks("contact.name", draft().contactName("李\u0008村干"));
    }

    @Test
    void quantityIsOneToTheMaximum() {
        onlyBreaks("quantity", draft().quantity(null));
        onlyBreaks("quantity", draft().quantity(0));
        onlyBreaks("quantity", draft().quantity(-1));
        onlyBreaks("quantity", draft().quantity(NeedDraft.MAX_QUANTITY + 1));
        isFine(draft().quantity(1));
        isFine(draft().quantity(NeedDraft.MAX_QUANTITY));
    }

    @Test
    void unitIsOneToTenCharacters() {
        onlyBreaks("unit", draft().unit(null));
        onlyBreaks("unit", draft().unit(" "));
        onlyBreaks("unit", draft().unit("个".repeat(11)));
        isFine(draft().unit("个"));
    }

    @Test
    void valueIsOptionalButNotNegativeOrHuge() {
        isFine(draft().valueYuan(null));
        isFine(draft().valueYuan(0));
        isFine(draft().valueYuan(NeedDraft.MAX_VALUE_YUAN));
        onlyBreaks("valueYuan", draft().valueYuan(-1));
        onlyBreaks("valueYuan", draft().valueYuan(NeedDraft.MAX_VALUE_YUAN + 1));
    }

    @Test
    void deadlineIsRequiredAndFromTodayToAYearAhead() {
        onlyBreaks("deadline", draft().deadline(null));
        onlyBreaks("deadline", draft().deadline(TODAY.minusDays(1)));
        onlyBreaks("deadline", draft().deadline(TODAY.plusDays(NeedDraft.MAX_DAYS_AHEAD + 1)));
        onlyBreaks("deadline", draft().deadline(TODAY.plusYears(2)));
        isFine(draft().deadline(TODAY));
        isFine(draft().deadline(TODAY.plusYears(1)));
        isFine(draft().deadline(TODAY.plusDays(NeedDraft.MAX_DAYS_AHEAD)));
    }

    @Test
    void areaMustBeAKnownVillage() {
        onlyBreaks("areaCode", draft().area(null));
        onlyBreaks("areaCode", draft().area(Fixtures.YUNYANG));      // a town
        onlyBreaks("areaCode", draft().area(Fixtures.DANYANG));      // a county
        onlyBreaks("areaCode", draft().area(new AreaCode("321181001299"))); // a village not in the registry
        isFine(draft().area(Fixtures.WEST_GATE));
        isFine(draft().area(Fixtures.MIANDU));
    }

    @Test
    void areaProblemSaysWhichRuleItBroke() {
        String notVillage = draft().area(Fixtures.YUNYANG).build().problems(TODAY, AREAS).get(0).message();
        String unknown = draft().area(new AreaCode("321181001299")).build().problems(TODAY, AREAS).get(0).message();
        assertTrue(notVillage.contains("village"), notVillage);
        assertTrue(unknown.contains("unknown"), unknown);
    }

    @Test
    void householdNameIsTwoToThirtyCharacters() {
        onlyBreaks("household.name", draft().householdName(null));
        onlyBreaks("household.name", draft().householdName("王"));
        onlyBreaks("household.name", draft().householdName("王".repeat(31)));
    }

    @Test
    void householdIdNumberMustBeAValidResidentId() {
        onlyBreaks("household.idNumber", draft().householdIdNumber(null));
        onlyBreaks("household.idNumber", draft().householdIdNumber(""));
        String id = Fixtures.ID_NUMBER;
        onlyBreaks("household.idNumber", draft().householdIdNumber(id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1')));
        onlyBreaks("household.idNumber", draft().householdIdNumber(ChineseIdNumber.withCheck("32118119900230123")));
        onlyBreaks("household.idNumber", draft().householdIdNumber("11010519491231002x"));
        isFine(draft().householdIdNumber("11010519491231002X"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"13812345678", "19912345678", "0511-86543210", "051186543210", "010-1234567", "0511-8654321"})
    void phonesMayBeMobileOrLandlineWithAreaCode(String phone) {
        isFine(draft().householdPhone(phone).contactPhone(phone));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1381234567", "138123456789", "12812345678", "86543210", "+8613812345678",
            "138 1234 5678", "0511-865432", "1381234567a"})
    void badPhonesAreRejectedForBothHouseholdAndContact(String phone) {
        onlyBreaks("household.phone", draft().householdPhone(phone));
        onlyBreaks("contact.phone", draft().contactPhone(phone));
    }

    @Test
    void householdAddressIsFiveToOneHundredTwentyCharacters() {
        onlyBreaks("household.address", draft().householdAddress(null));
        onlyBreaks("household.address", draft().householdAddress("东门村三"));
        onlyBreaks("household.address", draft().householdAddress("址".repeat(121)));
        isFine(draft().householdAddress("东门村三组"));
        isFine(draft().householdAddress("址".repeat(120)));
    }

    @Test
    void contactNameIsTwoToThirtyCharacters() {
        onlyBreaks("contact.name", draft().contactName(null));
        onlyBreaks("contact.name", draft().contactName("李"));
        onlyBreaks("contact.name", draft().contactName("李".repeat(31)));
    }

    @Test
    void severalBrokenRulesAreAllReported() {
        List<String> f = problemFields(draft().title("米").quantity(0).contactPhone("123"));
        assertEquals(List.of("title", "quantity", "contact.phone"), f);
    }
}
