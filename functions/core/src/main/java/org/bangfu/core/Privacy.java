package org.bangfu.core;

/** The one place that decides who may see a household's personal details and the contact. */
public final class Privacy {
    private Privacy() {
    }

    /**
     * The poster, reviewers and admins of the need's area, and a helper holding an active or
     * delivered claim on it. Everyone else (the public) sees the masked name and the village only.
     */
    public static boolean maySeeHousehold(Actor viewer, Need need, boolean holdsOpenClaim) {
        if (viewer == null) return false;
        if (viewer.id().equals(need.posterId())) return true;
        if (holdsOpenClaim && viewer.has(Role.HELPER)) return true;
        return viewer.actsFor(Role.COUNCIL, need.area()) || viewer.actsFor(Role.VOLUNTEER, need.area())
                || viewer.actsFor(Role.ADMIN, need.area());
    }

    /** Reviewers of either kind and admins see the review queue of their area. */
    public static boolean mayReview(Actor viewer, AreaCode area) {
        return viewer.actsFor(Role.COUNCIL, area) || viewer.actsFor(Role.VOLUNTEER, area) || viewer.actsFor(Role.ADMIN, area);
    }
}
