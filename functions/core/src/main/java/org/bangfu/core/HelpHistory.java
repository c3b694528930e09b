package org.bangfu.core;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * What a household has received lately, for whoever reviews a new need of it: Danyang's family
 * "helped by three organisations, one after the other, for the same cause" is what this shows.
 * A need in a window where the household was helped within {@link #MONTHS} months is flagged, not
 * blocked: the reviewers decide.
 */
public final class HelpHistory {
    public static final int MONTHS = 12;

    private HelpHistory() {
    }

    /** Reviewers and admins of the household's area, nobody else. */
    public static boolean maySee(Actor viewer, AreaCode area) {
        return viewer != null && Privacy.mayReview(viewer, area);
    }

    /** The records of the last {@link #MONTHS} months (up to today), newest first. */
    public static List<HelpRecord> recent(List<HelpRecord> all, LocalDate today) {
        LocalDate from = today.minusMonths(MONTHS);
        return all.stream().filter(r -> !r.date().isBefore(from) && !r.date().isAfter(today))
                .sorted(Comparator.comparing(HelpRecord::date).reversed()).toList();
    }

    /** The recent records in the need's window: non-empty means the queue flags the need. */
    public static List<HelpRecord> sameWindow(List<HelpRecord> all, Category category, LocalDate today) {
        return recent(all, today).stream().filter(r -> r.category() == category).toList();
    }
}
