package org.bangfu.photos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Lookups;
import org.bangfu.lambda.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.DomainException;
import org.bangfu.core.Need;
import org.bangfu.core.Photo;
import org.bangfu.core.PhotoRules;
import org.bangfu.store.PhotoRepository;

/** What a photo function works with (the table, the bucket), and the photo's JSON views. */
public record Photos(Services services, PhotoRepository repo, PhotoFiles files) {
    /** How long a presigned GET for a photo that is not public works. */
    public static final Duration PRIVATE_URL_TTL = Duration.ofMinutes(15);

    public static Photos live() {
        return new Photos(Services.live(), PhotoRepository.live(), PhotoFiles.live());
    }

    /** The twin SnapStart priming builds: photos on the same (canned) table as {@code services}, a canned bucket. */
    public static Photos priming(Services services) {
        return new Photos(services, services.photos(), PhotoFiles.canned());
    }

    public Photo photo(Need need, String photoId) {
        if (!looksLikeId(photoId)) throw new DomainException.NotFound("没有这张照片 (no such photo)");
        return repo.photo(need.id(), photoId).orElseThrow(() -> new DomainException.NotFound("没有这张照片 (no such photo)"));
    }

    public Need need(String needId) {
        return Lookups.need(services, needId);
    }

    public static boolean looksLikeId(String id) {
        return org.bangfu.core.Ids.looksValid(id, 'm');
    }

    /** The public URL of a copy: served by the photo-read function, only while {@link PhotoRules#isPublic} holds. */
    public static String publicUrl(Photo p, String size) {
        return PhotoRules.publicPath(p, size);
    }

    /** Public view: no uploader, no state, only what the picture is. */
    public static ObjectNode publicView(Photo p) {
        return org.bangfu.lambda.Views.publicPhoto(p);
    }

    public static ArrayNode publicList(List<Photo> photos, Need need) {
        ArrayNode a = Json.array();
        for (Photo p : photos) if (PhotoRules.isPublic(p, need)) a.add(publicView(p));
        return a;
    }

    /** For someone {@link PhotoRules#maySee} allows: the state, and short-lived presigned URLs of the copies. */
    public ObjectNode privateView(Photo p, Need need, Actor viewer) {
        ObjectNode o = Json.object();
        o.put("id", p.id());
        o.put("kind", p.kind().wire());
        if (p.claimId() != null) o.put("claimId", p.claimId());
        o.put("state", p.state().name());
        o.put("mine", viewer.id().equals(p.uploaderId()));
        o.put("public", PhotoRules.isPublic(p, need));
        if (p.kind() == Photo.Kind.DELIVERY) o.put("shared", p.shared());
        o.put("createdAt", p.createdAt().toString());
        if (p.state() == Photo.State.READY) {
            o.put("small", files.presignedGet(PhotoFiles.copyKey(p.needId(), p.id(), "small"), PRIVATE_URL_TTL));
            o.put("display", files.presignedGet(PhotoFiles.copyKey(p.needId(), p.id(), "display"), PRIVATE_URL_TTL));
            o.put("width", p.width());
            o.put("height", p.height());
        }
        if (p.kind() == Photo.Kind.NEED) {
            ArrayNode c = o.putArray("checklist");
            PhotoRules.CHECKLIST.forEach(c::add);
        }
        return o;
    }
}
