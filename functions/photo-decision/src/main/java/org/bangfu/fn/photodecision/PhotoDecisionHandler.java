package org.bangfu.fn.photodecision;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.DomainException;
import org.bangfu.core.Ids;
import org.bangfu.core.Need;
import org.bangfu.core.Photo;
import org.bangfu.core.PhotoRules;
import org.bangfu.photos.Photos;
import org.bangfu.store.PhotoRepository;

/**
 * DELETE /api/needs/{id}/photos/{photoId} with an optional {"reason":…}: a reviewer drops a need
 * photo (a face, a document, a house number), an admin any photo of their area, an uploader their
 * own photo while it is not public. Its files are deleted at once.
 * POST /api/needs/{id}/photos/{photoId}/consent with {"shared":true|false}: the poster, for the
 * family, lets a delivery photo appear on the public page once the need is met (or takes it back).
 */
public final class PhotoDecisionHandler extends HttpHandler {
    private final Photos photos;

    public PhotoDecisionHandler() {
        this(Photos.live());
    }

    public PhotoDecisionHandler(Services services) {
        this(Photos.priming(services));
    }

    public PhotoDecisionHandler(Photos photos) {
        super(photos.services());
        this.photos = photos;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor actor = request.actor();
        Need need = photos.need(request.needId());
        Photo before = photos.photo(need, request.pathParam("photoId").orElse(null));
        if (!PhotoRules.maySee(actor, before, need) && !PhotoRules.isPublic(before, need)) {
            throw new DomainException.NotFound("没有这张照片 (no such photo)");
        }
        Photo after;
        if (request.routeKey().startsWith("DELETE")) {
            Body body = request.bodyOrEmpty().only(Set.of("reason"));
            String reason = body.text("reason");
            body.done();
            after = PhotoRules.drop(actor, before, need, reason, services.lifecycle().now());
        } else {
            Body body = request.body().only(Set.of("shared"));
            Boolean shared = body.bool("shared");
            if (shared == null && body.errors().isEmpty()) body.error("shared", "必填：true 或 false (required)");
            body.done();
            after = PhotoRules.share(actor, before, need, shared, services.lifecycle().now());
        }
        if (!photos.repo().replace(before, after)) {
            throw new DomainException.Conflict("照片刚被他人修改，请刷新 (the photo just changed; reload)", need.state());
        }
        if (after.state() == Photo.State.DROPPED) photos.files().deleteAll(need.id(), after.id());
        ObjectNode out = Json.object();
        out.set("photo", photos.privateView(after, need, actor));
        return Responses.json(200, out);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        // A photo in the canned table for the pending need, which its council reviewer drops.
        Photo p = Photo.uploading(Ids.photo(), w.pending, Photo.Kind.NEED, null, w.poster, "image/jpeg", w.pending.createdAt())
                .ready(800, 600, w.pending.createdAt());
        w.table.item(PhotoRepository.item(p));
        String id = w.pending.id();
        return List.of(Priming.request("DELETE", "DELETE /api/needs/{id}/photos/{photoId}", "/api/needs/" + id + "/photos/" + p.id(),
                Map.of("id", id, "photoId", p.id()), null, "{\"reason\":\"照片中有人脸\"}", w.council));
    }
}
