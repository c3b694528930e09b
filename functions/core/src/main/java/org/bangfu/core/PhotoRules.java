package org.bangfu.core;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The one place that decides about photos: what may be uploaded, by whom, who sees which photo,
 * when one is public, and who may drop one. Storage and image work live elsewhere.
 */
public final class PhotoRules {
    private PhotoRules() {
    }

    /** Types the upload form admits (the POST policy enforces the one asked for). */
    public static final Set<String> CONTENT_TYPES = Set.of("image/jpeg", "image/png");
    /** Size limits of an original, enforced by S3 through the policy's content-length-range. */
    public static final long MIN_BYTES = 1_024;
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    /** Decoded size above which we refuse to process (a small file can be a huge bitmap). */
    public static final long MAX_PIXELS = 40_000_000L;
    /** Photos per need, and per claim's delivery. */
    public static final int MAX_NEED_PHOTOS = 5;
    public static final int MAX_DELIVERY_PHOTOS = 3;
    /** Longest side of the two copies made. */
    public static final int SMALL_PX = 320;
    public static final int DISPLAY_PX = 1280;
    /** What reviewers check on every need photo before approving. */
    public static final List<String> CHECKLIST = List.of("no-faces", "no-documents", "no-house-number");

    /**
     * May {@code actor} add a photo of this kind now? Need photos: the poster, while the need waits
     * for review. Delivery photos: the helper of an active or delivered claim.
     */
    public static void checkUpload(Actor actor, Need need, Photo.Kind kind, Claim claim, List<Photo> existing, Instant now) {
        if (kind == Photo.Kind.NEED) {
            if (!need.postedBy(actor)) throw new DomainException.Forbidden("只有发布人可以添加需求照片 (only the poster adds need photos)");
            if (need.state() != NeedState.PENDING_REVIEW) {
                throw new DomainException.Conflict("需求已审核，不能再添加照片 (photos only before review ends)", need.state());
            }
            if (count(existing, Photo.Kind.NEED, null, now) >= MAX_NEED_PHOTOS) {
                throw new DomainException.Invalid("kind", "每个需求最多 " + MAX_NEED_PHOTOS + " 张照片 (at most " + MAX_NEED_PHOTOS + ")");
            }
        } else {
            if (claim == null) throw new DomainException.Invalid("claimId", "送达照片须指明认领 (which claim)");
            if (!actor.id().equals(claim.helperId())) throw new DomainException.Forbidden("只有认领人可以添加送达照片 (only the claim's helper)");
            if (claim.state() != ClaimState.ACTIVE && claim.state() != ClaimState.DELIVERED) {
                throw new DomainException.Conflict("这个认领已结束 (the claim is closed)", need.state());
            }
            if (count(existing, Photo.Kind.DELIVERY, claim.id(), now) >= MAX_DELIVERY_PHOTOS) {
                throw new DomainException.Invalid("kind", "每次送达最多 " + MAX_DELIVERY_PHOTOS + " 张照片 (at most " + MAX_DELIVERY_PHOTOS + ")");
            }
        }
    }

    /** How long an upload form is counted against the limit before its file arrives (a form abandoned on the phone stops counting). */
    public static final java.time.Duration UPLOAD_WINDOW = java.time.Duration.ofMinutes(15);

    private static long count(List<Photo> existing, Photo.Kind kind, String claimId, Instant now) {
        return existing.stream().filter(p -> p.kind() == kind && (p.state() == Photo.State.READY
                        || (p.state() == Photo.State.UPLOADING && p.createdAt().isAfter(now.minus(UPLOAD_WINDOW)))))
                .filter(p -> claimId == null || claimId.equals(p.claimId())).count();
    }

    /** Where a public copy (small|display) is served (by the photo-read function, only while {@link #isPublic} holds). */
    public static String publicPath(Photo p, String size) {
        return "/api/photos/" + p.needId() + "/" + p.id() + "/" + size;
    }

    /** The need's picture for its share card: its first public need photo, if any. */
    public static java.util.Optional<Photo> cardPhoto(List<Photo> photos, Need need) {
        return photos.stream().filter(p -> p.kind() == Photo.Kind.NEED && isPublic(p, need)).findFirst();
    }

    /** Public: a ready need photo of a need that is public, or a shared delivery photo once the need is fulfilled. */
    public static boolean isPublic(Photo p, Need need) {
        if (p.state() != Photo.State.READY || !need.state().isPublic()) return false;
        return p.kind() == Photo.Kind.NEED || (p.shared() && need.state() == NeedState.FULFILLED);
    }

    /**
     * Who sees a photo that is not public. Need photos: the poster and the reviewers and admins of
     * the area. Delivery photos: the poster, the area's admins and the helper who took it.
     */
    public static boolean maySee(Actor viewer, Photo p, Need need) {
        if (viewer == null || p.state() == Photo.State.DROPPED) return false;
        if (need.postedBy(viewer) || viewer.actsFor(Role.ADMIN, need.area())) return true;
        if (p.kind() == Photo.Kind.NEED) {
            return viewer.actsFor(Role.COUNCIL, need.area()) || viewer.actsFor(Role.VOLUNTEER, need.area());
        }
        return viewer.id().equals(p.uploaderId());
    }

    /**
     * Drop a photo: reviewers of the area while the need waits for review (a face, a document, a
     * house number), admins of the area at any time, the uploader while it is not public.
     */
    public static Photo drop(Actor actor, Photo p, Need need, String reason, Instant at) {
        if (p.state() == Photo.State.DROPPED) throw new DomainException.Conflict("照片已移除 (already removed)", need.state());
        boolean reviewer = need.state() == NeedState.PENDING_REVIEW && p.kind() == Photo.Kind.NEED
                && (actor.actsFor(Role.COUNCIL, need.area()) || actor.actsFor(Role.VOLUNTEER, need.area()));
        boolean admin = actor.actsFor(Role.ADMIN, need.area());
        boolean uploader = actor.id().equals(p.uploaderId()) && !isPublic(p, need);
        if (!reviewer && !admin && !uploader) {
            if (maySee(actor, p, need)) throw new DomainException.Forbidden("现在不能移除这张照片 (you cannot remove it now)");
            throw new DomainException.NotFound("没有这张照片 (no such photo)");
        }
        if (reason != null && reason.strip().length() > 200) throw new DomainException.Invalid("reason", "最多 200 字 (at most 200 characters)");
        return p.dropped(actor.id(), reason == null || reason.isBlank() ? null : reason.strip(), at);
    }

    /** The poster, for the family, agrees (or no longer agrees) to show a delivery photo publicly once the need is met. */
    public static Photo share(Actor actor, Photo p, Need need, boolean shared, Instant at) {
        if (!need.postedBy(actor)) {
            if (maySee(actor, p, need)) throw new DomainException.Forbidden("只有发布人可以代家庭同意公开 (only the poster, for the family)");
            throw new DomainException.NotFound("没有这张照片 (no such photo)");
        }
        if (p.kind() != Photo.Kind.DELIVERY) throw new DomainException.Invalid("shared", "只适用于送达照片 (delivery photos only)");
        if (p.state() == Photo.State.DROPPED) throw new DomainException.Conflict("照片已移除 (removed)", need.state());
        return p.withShared(shared, at);
    }
}
