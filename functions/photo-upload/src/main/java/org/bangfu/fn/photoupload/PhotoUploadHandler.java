package org.bangfu.fn.photoupload;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Lookups;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.Claim;
import org.bangfu.core.Ids;
import org.bangfu.core.Need;
import org.bangfu.core.Photo;
import org.bangfu.core.PhotoRules;
import org.bangfu.photos.PhotoFiles;
import org.bangfu.photos.Photos;

/**
 * POST /api/needs/{id}/photos with {"kind":"need"|"delivery","contentType":"image/jpeg"|"image/png","claimId":…}:
 * records the photo (UPLOADING) and answers the form the phone posts the file with, straight to S3.
 */
public final class PhotoUploadHandler extends HttpHandler {
    /** How long the upload form works. */
    static final Duration FORM_TTL = Duration.ofMinutes(10);

    private final Photos photos;

    public PhotoUploadHandler() {
        this(Photos.live());
    }

    public PhotoUploadHandler(Services services) {
        this(Photos.priming(services));
    }

    public PhotoUploadHandler(Photos photos) {
        super(photos.services());
        this.photos = photos;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor actor = request.actor();
        String needId = request.needId();
        Body body = request.body().only(Set.of("kind", "contentType", "claimId"));
        String kindText = body.text("kind");
        Photo.Kind kind = null;
        if (kindText == null) body.error("kind", "必填：need 或 delivery (required)");
        else if (kindText.equals("need")) kind = Photo.Kind.NEED;
        else if (kindText.equals("delivery")) kind = Photo.Kind.DELIVERY;
        else body.error("kind", "须为 need 或 delivery");
        String contentType = body.text("contentType");
        if (contentType == null) body.error("contentType", "必填：image/jpeg 或 image/png (required)");
        else if (!PhotoRules.CONTENT_TYPES.contains(contentType)) body.error("contentType", "只接受 JPEG 或 PNG 照片 (JPEG or PNG only)");
        String claimId = body.text("claimId");
        if (claimId != null && !Ids.looksValid(claimId, 'c')) body.error("claimId", "不是有效的认领编号 (not a claim id)");
        if (kind == Photo.Kind.NEED && claimId != null) body.error("claimId", "需求照片不属于认领 (need photos have no claim)");
        body.done();

        Need need = Lookups.need(services, needId);
        Claim claim = kind == Photo.Kind.DELIVERY && claimId != null ? Lookups.claim(services, need, claimId) : null;
        PhotoRules.checkUpload(actor, need, kind, claim, photos.repo().photos(needId), services.lifecycle().now());
        Photo photo = Photo.uploading(Ids.photo(), need, kind, claimId, actor, contentType, services.lifecycle().now());
        photos.repo().create(photo);
        PhotoFiles.UploadForm form = photos.files().uploadForm(PhotoFiles.originalKey(needId, photo.id()), contentType,
                PhotoRules.MIN_BYTES, PhotoRules.MAX_BYTES, FORM_TTL);

        ObjectNode out = Json.object();
        out.set("photo", photos.privateView(photo, need, actor));
        ObjectNode upload = out.putObject("upload");
        upload.put("url", form.url());
        ObjectNode fields = upload.putObject("fields");
        form.fields().forEach(fields::put);
        upload.put("fileField", "file");
        upload.put("expiresAt", form.expires().toString());
        upload.put("maxBytes", PhotoRules.MAX_BYTES);
        return Responses.json(201, out);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.pending.id();
        return List.of(Priming.request("POST", "POST /api/needs/{id}/photos", "/api/needs/" + id + "/photos", Map.of("id", id),
                null, "{\"kind\":\"need\",\"contentType\":\"image/jpeg\"}", w.poster));
    }
}
