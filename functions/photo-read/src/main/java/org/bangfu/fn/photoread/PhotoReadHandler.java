package org.bangfu.fn.photoread;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.lambda.ApiRequest;
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
import org.bangfu.photos.PhotoFiles;
import org.bangfu.photos.Photos;

/**
 * GET /api/needs/{id}/photos: the public photos of a public need (anyone).
 * GET /api/needs/{id}/photos/all: every photo the signed-in viewer may see, with presigned URLs.
 * GET /api/photos/{needId}/{photoId}/{size}: the bytes of a public copy (small|display), and a
 * 404 for anything not public right now, so no unpublished photo is reachable by any URL.
 */
public final class PhotoReadHandler extends HttpHandler {
    private final Photos photos;

    public PhotoReadHandler() {
        this(Photos.live());
    }

    public PhotoReadHandler(Services services) {
        this(Photos.priming(services));
    }

    public PhotoReadHandler(Photos photos) {
        super(photos.services());
        this.photos = photos;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return switch (request.routeKey()) {
            case "GET /api/needs/{id}/photos" -> publicList(request);
            case "GET /api/needs/{id}/photos/all" -> visibleList(request);
            default -> bytes(request);
        };
    }

    private APIGatewayV2HTTPResponse publicList(ApiRequest request) {
        Need need = photos.need(request.needId());
        // Same answer as GET /api/needs/{id}: a need that is not public is not known here either.
        if (!need.state().isPublic()) throw new DomainException.NotFound("没有这个需求 (no such need)");
        ObjectNode out = Json.object();
        out.set("photos", Photos.publicList(photos.repo().photos(need.id()), need));
        return Responses.json(200, out);
    }

    private APIGatewayV2HTTPResponse visibleList(ApiRequest request) {
        Actor viewer = request.actor();
        Need need = photos.need(request.needId());
        if (!need.state().isPublic() && !org.bangfu.core.Privacy.maySeeHousehold(viewer, need, false)) {
            throw new DomainException.NotFound("没有这个需求 (no such need)");
        }
        ArrayNode list = Json.array();
        for (Photo p : photos.repo().photos(need.id())) {
            if (PhotoRules.maySee(viewer, p, need)) list.add(photos.privateView(p, need, viewer));
            else if (PhotoRules.isPublic(p, need)) list.add(Photos.publicView(p));
        }
        ObjectNode out = Json.object();
        out.set("photos", list);
        ArrayNode checklist = out.putArray("checklist");
        PhotoRules.CHECKLIST.forEach(checklist::add);
        return Responses.json(200, out);
    }

    private APIGatewayV2HTTPResponse bytes(ApiRequest request) {
        String needId = request.pathParam("needId").orElse(null);
        String photoId = request.pathParam("photoId").orElse(null);
        String size = request.pathParam("size").orElse("");
        if (!Ids.looksValid(needId, 'n') || !Photos.looksLikeId(photoId) || !(size.equals("small") || size.equals("display"))) {
            throw new DomainException.NotFound("没有这张照片 (no such photo)");
        }
        Need need = photos.services().needs().need(needId).orElse(null);
        Optional<Photo> p = need == null ? Optional.empty() : photos.repo().photo(needId, photoId);
        if (p.isEmpty() || !PhotoRules.isPublic(p.get(), need)) throw new DomainException.NotFound("没有这张照片 (no such photo)");
        byte[] jpeg = photos.files().get(PhotoFiles.copyKey(needId, photoId, size))
                .orElseThrow(() -> new DomainException.NotFound("没有这张照片 (no such photo)"));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "image/jpeg", "x-content-type-options", "nosniff",
                        // Short: a photo an admin drops after publication leaves caches within minutes.
                        "cache-control", "public, max-age=300"))
                .withBody(Base64.getEncoder().encodeToString(jpeg)).withIsBase64Encoded(true).build();
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.published.id();
        return List.of(
                Priming.request("GET", "GET /api/needs/{id}/photos", "/api/needs/" + id + "/photos", Map.of("id", id), null, null, null),
                Priming.request("GET", "GET /api/needs/{id}/photos/all", "/api/needs/" + id + "/photos/all", Map.of("id", id), null, null, w.council));
    }
}
