package org.bangfu.core;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Shared test data: the demo area tree, a fixed clock, people in their roles and a valid draft. */
final class Fixtures {
    private Fixtures() {
    }

    /** 10:00 in Shanghai on 2025-06-01. */
    static final Instant NOW = Instant.parse("2025-06-01T02:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    static final AreaCode EAST_GATE = new AreaCode("321181001201");   // 东门村
    static final AreaCode WEST_GATE = new AreaCode("321181001202");   // 西门村, sibling of 东门村
    static final AreaCode YUNYANG = new AreaCode("321181001000");     // 云阳街道, town of both
    static final AreaCode DANYANG = new AreaCode("321181000000");     // 丹阳市, county level
    static final AreaCode HUANGTANG_VILLAGE = new AreaCode("321181102201"); // 蒋墅村, another town, same county
    static final AreaCode MIANDU = new AreaCode("430225100201");      // 沔渡村, Hunan: another province

    static final String ID_NUMBER = ChineseIdNumber.withCheck("32118119620314002");
    static final String OTHER_ID_NUMBER = ChineseIdNumber.withCheck("32118119750809004");

    static Lifecycle lifecycle() {
        return lifecycleAt(NOW);
    }

    static Lifecycle lifecycleAt(Instant at) {
        return new Lifecycle(Clock.fixed(at, ZoneOffset.UTC), AreaRegistry.bundled());
    }

    static Actor actor(String id, AreaCode area, Role... roles) {
        return new Actor(id, "name-" + id, Set.of(roles), area);
    }

    static Actor poster() {
        return actor("poster-1", EAST_GATE, Role.POSTER);
    }

    static Actor council() {
        return actor("council-1", EAST_GATE, Role.COUNCIL);
    }

    static Actor volunteer() {
        return actor("volunteer-1", EAST_GATE, Role.VOLUNTEER);
    }

    static Actor helper(String id) {
        return actor(id, null, Role.HELPER);
    }

    static Actor areaAdmin() {
        return actor("admin-1", DANYANG, Role.ADMIN);
    }

    static DraftBuilder draft() {
        return new DraftBuilder();
    }

    /** A need posted by {@link #poster()} in 东门村, waiting for review. */
    static Need pendingNeed(int quantity) {
        return lifecycle().post(draft().quantity(quantity).build(), poster(), "n-test").need();
    }

    /** A need approved by {@link #council()} and {@link #volunteer()}. */
    static Need publishedNeed(int quantity) {
        Lifecycle l = lifecycle();
        Need n = pendingNeed(quantity);
        n = l.review(n, council(), null, true, null).after();
        n = l.review(n, volunteer(), null, true, null).after();
        if (n.state() != NeedState.PUBLISHED) throw new AssertionError("fixture need not published: " + n.state());
        return n;
    }

    static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    /** Starts from a draft that breaks no rule; each setter changes one field. */
    static final class DraftBuilder {
        Category category = Category.MEDICAL;
        String title = "助听器一副";
        String description = "老人听力下降，需要一副助听器，便于日常交流。";
        Integer quantity = 1;
        String unit = "副";
        Integer valueYuan = 800;
        LocalDate deadline = TODAY.plusDays(30);
        AreaCode area = EAST_GATE;
        String householdName = "王小明";
        String householdIdNumber = ID_NUMBER;
        String householdPhone = "13812345678";
        String householdAddress = "东门村三组12号";
        String contactName = "李村干";
        String contactPhone = "0511-86543210";

        DraftBuilder category(Category v) { category = v; return this; }
        DraftBuilder title(String v) { title = v; return this; }
        DraftBuilder description(String v) { description = v; return this; }
        DraftBuilder quantity(Integer v) { quantity = v; return this; }
        DraftBuilder unit(String v) { unit = v; return this; }
        DraftBuilder valueYuan(Integer v) { valueYuan = v; return this; }
        DraftBuilder deadline(LocalDate v) { deadline = v; return this; }
        DraftBuilder area(AreaCode v) { area = v; return this; }
        DraftBuilder householdName(String v) { householdName = v; return this; }
        DraftBuilder householdIdNumber(String v) { householdIdNumber = v; return this; }
        DraftBuilder householdPhone(String v) { householdPhone = v; return this; }
        DraftBuilder householdAddress(String v) { householdAddress = v; return this; }
        DraftBuilder contactName(String v) { contactName = v; return this; }
        DraftBuilder contactPhone(String v) { contactPhone = v; return this; }

        NeedDraft build() {
            return new NeedDraft(category, title, description, quantity, unit, valueYuan, deadline, area,
                    householdName, householdIdNumber, householdPhone, householdAddress, contactName, contactPhone);
        }
    }
}
