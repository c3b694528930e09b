package org.bangfu.core;

import static org.bangfu.core.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhotoRulesTest {
    private static Photo ready(Need n, Photo.Kind kind, Actor by) {
        return Photo.uploading(Ids.photo(), n, kind, kind == Photo.Kind.DELIVERY ? "c" + "a".repeat(12) : null, by, "image/jpeg", NOW)
                .ready(1280, 960, NOW);
    }

    @Test
    void needPhotosArePublicOnlyWhileTheNeedIs() {
        Need pending = pendingNeed(1);
        Photo p = ready(pending, Photo.Kind.NEED, poster());
        assertFalse(PhotoRules.isPublic(p, pending));
        Need published = publishedNeed(1);
        assertTrue(PhotoRules.isPublic(p, published));
        for (NeedState s : List.of(NeedState.REJECTED, NeedState.WITHDRAWN, NeedState.EXPIRED)) {
            assertFalse(PhotoRules.isPublic(p, published.withState(s, NOW)), s.name());
        }
        assertFalse(PhotoRules.isPublic(p.dropped("x", null, NOW), published));
        assertFalse(PhotoRules.isPublic(Photo.uploading("m" + "b".repeat(12), published, Photo.Kind.NEED, null, poster(), "image/jpeg", NOW), published));
    }

    @Test
    void deliveryPhotosArePublicOnlyWhenMetAndShared() {
        Need published = publishedNeed(1);
        Photo d = ready(published, Photo.Kind.DELIVERY, helper("h1"));
        assertFalse(PhotoRules.isPublic(d, published));
        Need fulfilled = published.withState(NeedState.FULFILLED, NOW);
        assertFalse(PhotoRules.isPublic(d, fulfilled), "not without the poster's consent");
        assertTrue(PhotoRules.isPublic(d.withShared(true, NOW), fulfilled));
        assertFalse(PhotoRules.isPublic(d.withShared(true, NOW), published), "not before the need is met");
    }

    @Test
    void whoSeesAndWhoDrops() {
        Need pending = pendingNeed(1);
        Photo p = ready(pending, Photo.Kind.NEED, poster());
        assertTrue(PhotoRules.maySee(council(), p, pending));
        assertTrue(PhotoRules.maySee(volunteer(), p, pending));
        assertTrue(PhotoRules.maySee(areaAdmin(), p, pending));
        assertFalse(PhotoRules.maySee(helper("h2"), p, pending));
        assertFalse(PhotoRules.maySee(actor("far", MIANDU, Role.COUNCIL), p, pending), "a reviewer elsewhere");
        assertEquals(Photo.State.DROPPED, PhotoRules.drop(council(), p, pending, "有人脸", NOW).state());
        Need published = publishedNeed(1);
        assertThrows(DomainException.Forbidden.class, () -> PhotoRules.drop(council(), p, published, null, NOW),
                "reviewers drop before publication; after it, admins do");
        assertEquals(Photo.State.DROPPED, PhotoRules.drop(areaAdmin(), p, published, null, NOW).state());
        assertThrows(DomainException.NotFound.class, () -> PhotoRules.drop(helper("h3"), p, pending, null, NOW));
        Photo d = ready(published, Photo.Kind.DELIVERY, helper("h1"));
        assertFalse(PhotoRules.maySee(council(), d, published), "delivery photos go to the poster and the admin");
        assertTrue(PhotoRules.maySee(helper("h1"), d, published));
        assertTrue(PhotoRules.maySee(poster(), d, published));
        assertTrue(PhotoRules.maySee(areaAdmin(), d, published));
    }

    @Test
    void uploadsAreLimited() {
        Need pending = pendingNeed(1);
        List<Photo> five = new ArrayList<>();
        for (int i = 0; i < PhotoRules.MAX_NEED_PHOTOS; i++) five.add(ready(pending, Photo.Kind.NEED, poster()));
        assertThrows(DomainException.Invalid.class, () -> PhotoRules.checkUpload(poster(), pending, Photo.Kind.NEED, null, five, NOW));
        // Forms abandoned long ago stop counting.
        List<Photo> stale = new ArrayList<>();
        for (int i = 0; i < PhotoRules.MAX_NEED_PHOTOS; i++) {
            stale.add(Photo.uploading(Ids.photo(), pending, Photo.Kind.NEED, null, poster(), "image/jpeg", NOW.minus(PhotoRules.UPLOAD_WINDOW).minusSeconds(1)));
        }
        PhotoRules.checkUpload(poster(), pending, Photo.Kind.NEED, null, stale, NOW);
        assertThrows(DomainException.Forbidden.class, () -> PhotoRules.checkUpload(council(), pending, Photo.Kind.NEED, null, List.of(), NOW));
        assertThrows(DomainException.Conflict.class, () -> PhotoRules.checkUpload(poster(), publishedNeed(1), Photo.Kind.NEED, null, List.of(), NOW));
    }
}
