package org.bangfu.core;

import static org.bangfu.core.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpImportTest {
    @Test
    void goodRowsAreMatchedToTheHouseholdByItsKey() {
        String csv = "\uFEFF身份证号,窗口,内容,来源,日期\r\n" + ID_NUMBER + ",助学,\"学费减免,一学期\",丹阳市民政局,2025-03-01\r\n"
                + OTHER_ID_NUMBER + ",MEDICAL,住院补助,红十字会,2024-12-20\r\n\r\n";
        HelpImport.Parsed p = HelpImport.parse(csv, TODAY);
        assertEquals(List.of(), p.errors());
        assertEquals(2, p.rows().size());
        HelpImport.Row r = p.rows().get(0);
        assertEquals(2, r.line());
        assertEquals(Household.idFor(ID_NUMBER), r.householdId());
        assertEquals(Category.EDUCATION, r.category());
        assertEquals("学费减免,一学期", r.what());
    }

    @Test
    void everyBadRowIsReportedByLineAndNothingIsKept() {
        String csv = ID_NUMBER + ",助学,学费减免,民政局,2025-03-01\n"
                + "321181196203140020,助学,学费,民政局,2025-03-01\n"
                + ID_NUMBER + ",修路,路,民政局,2025-03-01\n"
                + ID_NUMBER + ",助学,学费,民政局,2030-01-01\n"
                + ID_NUMBER + ",助学,学费\n"
                + ID_NUMBER + ",助学,\"学费,民政局,2025-03-01\n";
        HelpImport.Parsed p = HelpImport.parse(csv, TODAY);
        assertEquals(List.of(), p.rows(), "nothing half-imported");
        assertEquals(List.of("line 2", "line 3", "line 4", "line 5", "line 6"), fields(p.errors()));
    }

    @Test
    void historyShowsTheLastTwelveMonthsAndFlagsTheSameWindow() {
        String hh = Household.idFor(ID_NUMBER);
        List<HelpRecord> all = List.of(
                new HelpRecord(hh, Category.EDUCATION, "学费减免", "民政局", TODAY.minusMonths(2), HelpRecord.Source.IMPORTED, "i:2"),
                new HelpRecord(hh, Category.MEDICAL, "助听器", "张先生", TODAY.minusMonths(1), HelpRecord.Source.PLATFORM, "c1"),
                new HelpRecord(hh, Category.EDUCATION, "书包", "民政局", TODAY.minusMonths(13), HelpRecord.Source.IMPORTED, "i:3"));
        assertEquals(List.of("c1", "i:2"), HelpHistory.recent(all, TODAY).stream().map(HelpRecord::ref).toList());
        assertEquals(List.of("i:2"), HelpHistory.sameWindow(all, Category.EDUCATION, TODAY).stream().map(HelpRecord::ref).toList());
        assertEquals(List.of(), HelpHistory.sameWindow(all, Category.DISABILITY, TODAY));
        assertTrue(HelpHistory.maySee(council(), EAST_GATE));
        assertFalse(HelpHistory.maySee(poster(), EAST_GATE), "posters do not see it");
        assertFalse(HelpHistory.maySee(actor("c2", WEST_GATE, Role.COUNCIL), EAST_GATE));
    }
}
