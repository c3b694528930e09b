package org.bangfu.core;

import java.time.Instant;
import java.time.LocalDate;

/** What anyone may see of a need: nothing that identifies the household beyond a masked name and the village. */
public record PublicNeed(String id, Category category, String title, String description, String unit, Integer valueYuan,
                         LocalDate deadline, AreaCode area, String beneficiary, NeedState state, int quantity,
                         int remaining, Instant publishedAt) {
    public static PublicNeed of(Need n) {
        return new PublicNeed(n.id(), n.category(), n.title(), n.description(), n.unit(), n.valueYuan(), n.deadline(),
                n.area(), n.beneficiary(), n.state(), n.quantities().total(), n.quantities().remaining(), n.publishedAt());
    }
}
