package org.bangfu.core;

/** The one place that decides who may see a household's personal details and the contact. */
public final class Privacy {
    private Privacy() {
    }

    /** How much of a household a viewer may see. */
    public enum Level {
        /** The masked name and the village: what anyone sees. */
        PUBLIC,
        /** Name, phone, address and the village contact: what it takes to help (the poster, the helper holding a claim). */
        CONTACT,
        /** All of it, the 18-digit ID number too: the reviewers and admins of the need's area, who check it. */
        FULL
    }

    /**
     * Reviewers and admins of the need's area see everything; the poster (while a poster of its area) and a helper holding an
     * active or delivered claim see the contact details but never the ID number (nobody needs it to
     * deliver a wheelchair); everyone else sees the public view.
     */
    public static Level level(Actor viewer, Need need, boolean holdsOpenClaim) {
        if (viewer == null) return Level.PUBLIC;
        if (mayReview(viewer, need.area())) return Level.FULL;
        if (need.postedBy(viewer)) return Level.CONTACT;
        if (holdsOpenClaim && viewer.has(Role.HELPER)) return Level.CONTACT;
        return Level.PUBLIC;
    }

    /** Anything beyond the public view (then the view is recorded as a view-contact audit line). */
    public static boolean maySeeHousehold(Actor viewer, Need need, boolean holdsOpenClaim) {
        return level(viewer, need, holdsOpenClaim) != Level.PUBLIC;
    }

    /** Reviewers of either kind and admins see the review queue of their area. */
    public static boolean mayReview(Actor viewer, AreaCode area) {
        return viewer.actsFor(Role.COUNCIL, area) || viewer.actsFor(Role.VOLUNTEER, area) || viewer.actsFor(Role.ADMIN, area);
    }
}
