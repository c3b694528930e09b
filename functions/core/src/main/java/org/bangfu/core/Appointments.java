package org.bangfu.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may appoint whom (the one place these rules live). An area admin appoints posters,
 * council members, volunteers and admins within their own area — an admin only strictly below
 * their own level — and dismisses them the same way; nobody grants to or dismisses themselves.
 * Helpers are not appointed: anyone signed in becomes one by signing up; an area admin can take
 * that away (checkRemoveHelper) from someone of their area or who claimed there.
 */
public final class Appointments {
    public static final Set<Role> APPOINTED = EnumSet.of(Role.POSTER, Role.COUNCIL, Role.VOLUNTEER, Role.ADMIN);

    private Appointments() {
    }

    /** The admin's area, or 403 for anyone who is not an area admin. */
    public static AreaCode adminArea(Actor actor) {
        AreaCode a = actor.areaOf(Role.ADMIN);
        if (a == null) throw new DomainException.Forbidden("只有区域管理员可以管理人员 (area admins only)");
        return a;
    }

    public static void checkGrant(Actor admin, String targetId, Role role, AreaCode area, AreaRegistry areas, Grant existing) {
        AreaCode own = adminArea(admin);
        if (!APPOINTED.contains(role)) throw new DomainException.Invalid("role", "只能任命 poster、council、volunteer 或 admin");
        if (!areas.exists(area)) throw new DomainException.Invalid("area", "不是本平台的区划代码 (unknown area)");
        if (admin.id().equals(targetId)) throw new DomainException.Forbidden("不能给自己授权 (no one grants to themselves)");
        if (!own.contains(area)) throw new DomainException.Forbidden("只能在本辖区内任命 (outside your area)");
        if (role == Role.ADMIN && area.level() <= own.level()) {
            throw new DomainException.Forbidden("只能任命下级区域的管理员 (admins only strictly below your level)");
        }
        if (existing != null && existing.area() != null && !own.contains(existing.area())) {
            throw new DomainException.Conflict("此人已在其他辖区担任该角色 (holds this role in another area)", null);
        }
        // A grant replaces the role held before, so moving it is dismissing the old one: a peer admin
        // (or one above) cannot be moved down by a re-appointment any more than dismissed.
        if (existing != null && existing.role() == Role.ADMIN && existing.area() != null && existing.area().level() <= own.level()) {
            throw new DomainException.Forbidden("只能调整下级区域的管理员 (admins only strictly below your level)");
        }
    }

    public static void checkDismiss(Actor admin, String targetId, Grant grant) {
        AreaCode own = adminArea(admin);
        if (admin.id().equals(targetId)) throw new DomainException.Forbidden("不能撤销自己的角色 (no one dismisses themselves)");
        if (grant.role() == Role.HELPER || grant.area() == null) {
            throw new DomainException.Forbidden("帮扶主体由本人退出 (helpers leave by themselves)");
        }
        if (!own.contains(grant.area())) throw new DomainException.Forbidden("只能管理本辖区的人员 (outside your area)");
        if (grant.role() == Role.ADMIN && grant.area().level() <= own.level()) {
            throw new DomainException.Forbidden("只能撤销下级区域的管理员 (admins only strictly below your level)");
        }
    }

    /**
     * An area admin takes a person's helper role away (an abusive helper): only for someone who holds
     * a role in the admin's area or has claimed a need there ({@code claimedInArea}), never themselves,
     * and never an admin of their own level or above or of another area (no acting above one's rank).
     */
    public static void checkRemoveHelper(Actor admin, Person target, boolean claimedInArea) {
        AreaCode own = adminArea(admin);
        if (admin.id().equals(target.id())) throw new DomainException.Forbidden("不能撤销自己的角色 (no one dismisses themselves)");
        Grant asAdmin = target.grants().get(Role.ADMIN);
        if (asAdmin != null && (asAdmin.area() == null || !own.contains(asAdmin.area()) || asAdmin.area().level() <= own.level())) {
            throw new DomainException.Forbidden("不能撤销同级或上级管理员的资格 (not an admin at or above your level, or of another area)");
        }
        boolean ofArea = target.grants().values().stream().anyMatch(g -> g.area() != null && own.contains(g.area()));
        if (!ofArea && !claimedInArea) {
            throw new DomainException.Forbidden("此人不在本辖区，也未在本辖区认领 (neither of your area nor claimed in it)");
        }
    }
}
