package org.bangfu.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bangfu.core.Actor;
import org.bangfu.core.Claim;
import org.bangfu.core.ClaimState;
import org.bangfu.core.DomainException;
import org.bangfu.core.HelpHistory;
import org.bangfu.core.HelpRecord;
import org.bangfu.core.Household;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.Privacy;
import org.bangfu.core.PublicNeed;

/**
 * The one way a household's details leave the platform: {@link Privacy} decides who may see them,
 * the view is recorded in the audit trail, and only then is the household rendered. The full
 * shape ({@code Views.fullNeed}) is private to this package, so no handler can render a household
 * any other way.
 */
public final class Disclosure {
    private final Services services;

    Disclosure(Services services) {
        this.services = services;
    }

    /** A need as one viewer was shown it: the full view with the household, or the public view. */
    public record Shown(Need need, ObjectNode view, boolean withHousehold) {
    }

    /**
     * One need as {@code viewer} may see it. {@code viewersClaim} is the claim the request acted on,
     * if any: holding it open (active or delivered) is what lets a helper see the household.
     */
    public ObjectNode need(Actor viewer, Need need, Claim viewersClaim, String where) {
        boolean holds = viewersClaim != null && viewer != null && viewersClaim.helperId().equals(viewer.id())
                && (viewersClaim.state() == ClaimState.ACTIVE || viewersClaim.state() == ClaimState.DELIVERED);
        return show(viewer, List.of(need), holds, where, true).getFirst().view();
    }

    /**
     * Needs as {@code viewer} may see them, in the order given. {@code holdsOpenClaims}: the viewer
     * holds an open claim on every one of them (their own claims' needs). The views of households
     * are recorded ({@code where} says on which page) before anything is returned.
     */
    public List<Shown> needs(Actor viewer, Collection<Need> needs, boolean holdsOpenClaims, String where) {
        return show(viewer, needs, holdsOpenClaims, where, false);
    }

    private List<Shown> show(Actor viewer, Collection<Need> needs, boolean holdsOpenClaims, String where, boolean one) {
        List<Need> allowed = needs.stream().filter(n -> Privacy.maySeeHousehold(viewer, n, holdsOpenClaims)).toList();
        // Each need shows the household as posted (and reviewed) with it, by need id. One need's is a
        // GetItem, a list's a BatchGetItem: each function's policy grants only what it uses.
        Map<String, Household> households = allowed.isEmpty() ? Map.of() : one
                ? services.needs().householdOf(allowed.getFirst()).map(h -> Map.of(allowed.getFirst().id(), h)).orElse(Map.of())
                : services.needs().householdsOf(allowed);
        if (!allowed.isEmpty()) services.audit().recordViews(allowed, viewer.id(), where, services.lifecycle().now());
        List<Shown> out = new ArrayList<>();
        for (Need n : needs) {
            boolean full = allowed.contains(n);
            out.add(new Shown(n, full ? Views.fullNeed(n, households.get(n.id()), services.areas(), Privacy.level(viewer, n, holdsOpenClaims))
                    : Views.publicNeed(PublicNeed.of(n), services.areas()), full));
        }
        return out;
    }

    /**
     * What the need's household has already received (help records are about the household too):
     * reviewers and admins of the area only, and the view is recorded like any other.
     */
    public List<HelpRecord> helpHistory(Actor viewer, Need need) {
        if (!HelpHistory.maySee(viewer, need.area())) {
            throw new DomainException.Forbidden("只有本辖区的审核人员和管理员可以查看 (reviewers and admins of the area only)");
        }
        List<HelpRecord> all = services.help().history(need.householdId());
        services.audit().recordViews(List.of(need), viewer.id(), "help-history", services.lifecycle().now());
        return all;
    }

    /**
     * The answer to a poster's own new posting: they just typed the household in, so it is not a
     * disclosure; still at their level (a poster who is not also a reviewer gets no ID number back).
     */
    public ObjectNode posting(Lifecycle.Posting posting, Actor poster) {
        return Views.fullNeed(posting.need(), posting.household(), services.areas(), Privacy.level(poster, posting.need(), false));
    }

    /** The full shape of a need with no household in it (e.g. the poster's answer to a withdrawal): nothing to disclose. */
    public ObjectNode withoutHousehold(Need need) {
        return Views.fullNeed(need, null, services.areas(), Privacy.Level.PUBLIC);
    }

    /** The answer to a poster's correction of their own need: as with a posting, they just typed it in. */
    public ObjectNode amendment(Lifecycle.Amendment amendment, Actor poster) {
        return Views.fullNeed(amendment.after(), amendment.household(), services.areas(), Privacy.level(poster, amendment.after(), false));
    }
}
