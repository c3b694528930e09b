package org.bangfu.fn.photoprocess;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.bangfu.lambda.Log;
import org.bangfu.lambda.Priming;
import org.bangfu.core.Photo;
import org.bangfu.core.PhotoRules;
import org.bangfu.photos.ImageCopies;
import org.bangfu.photos.PhotoFiles;
import org.bangfu.photos.Photos;
import org.crac.Core;
import org.crac.Resource;

/**
 * On S3 ObjectCreated under uploads/: reads the original, writes the EXIF-free small and display
 * copies, marks the photo READY (or FAILED for a file that is not a readable JPEG/PNG) and deletes
 * the original. A record delivered twice finds the photo no longer UPLOADING and does nothing;
 * a record for a key we never handed a form out for is ignored (and its file deleted).
 */
public final class PhotoProcessHandler implements RequestHandler<Map<String, Object>, Void>, Resource {
    private final Photos photos;

    public PhotoProcessHandler() {
        this(Photos.live());
        Core.getGlobalContext().register(this);
    }

    public PhotoProcessHandler(Photos photos) {
        this.photos = photos;
    }

    /**
     * The S3 notification as plain JSON data (Records[].s3.object.key, URL-encoded as S3 sends it):
     * read as a map rather than the events library's S3Event, whose model needs Joda-Time.
     */
    @Override
    public Void handleRequest(Map<String, Object> event, Context context) {
        Log.begin(context == null ? "-" : context.getAwsRequestId(), context);
        try {
            for (String key : keys(event)) process(key);
            return null;
        } finally {
            Log.end();
        }
    }

    static List<String> keys(Map<String, Object> event) {
        List<String> out = new java.util.ArrayList<>();
        if (event != null && event.get("Records") instanceof List<?> records) {
            for (Object r : records) {
                Object key = r instanceof Map<?, ?> m && m.get("s3") instanceof Map<?, ?> s3 && s3.get("object") instanceof Map<?, ?> o
                        ? o.get("key") : null;
                if (key instanceof String k) out.add(URLDecoder.decode(k, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** One original: copies, state, original gone. */
    void process(String key) {
        Optional<List<String>> ids = PhotoFiles.parseOriginal(key);
        if (ids.isEmpty()) {
            Log.warn("not an upload key").with("key", key).write();
            return;
        }
        String needId = ids.get().get(0);
        String photoId = ids.get().get(1);
        Optional<Photo> found = Photos.looksLikeId(photoId) ? photos.repo().photo(needId, photoId) : Optional.empty();
        if (found.isEmpty()) {
            Log.warn("upload without a photo record: deleted").with("key", key).write();
            photos.files().deleteOriginal(needId, photoId);
            return;
        }
        Photo photo = found.get();
        if (photo.state() != Photo.State.UPLOADING) {
            // A repeated notification, or a second POST with the same form: the first one counted.
            Log.info("photo already processed").with("photo", photoId).with("state", photo.state().name()).write();
            photos.files().deleteOriginal(needId, photoId);
            return;
        }
        Optional<byte[]> original = photos.files().get(key);
        if (original.isEmpty()) return; // deleted meanwhile (a repeated record after success)
        var now = photos.services().lifecycle().now();
        Photo after;
        try {
            ImageCopies.Copies copies = ImageCopies.make(original.get(), PhotoRules.SMALL_PX, PhotoRules.DISPLAY_PX, PhotoRules.MAX_PIXELS);
            photos.files().putJpeg(PhotoFiles.copyKey(needId, photoId, "small"), copies.small());
            photos.files().putJpeg(PhotoFiles.copyKey(needId, photoId, "display"), copies.display());
            after = photo.ready(copies.width(), copies.height(), now);
        } catch (ImageCopies.Unreadable e) {
            Log.warn("unreadable upload").with("photo", photoId).with("why", e.getMessage()).write();
            after = photo.failed(now);
        }
        if (!photos.repo().replace(photo, after)) {
            Log.info("photo changed while processing (dropped?)").with("photo", photoId).write();
        }
        // The original (with its EXIF) is not kept once the copies exist; the bucket's lifecycle rule is the backstop.
        photos.files().deleteOriginal(needId, photoId);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // Loads and compiles ImageIO's JPEG and PNG paths on a small picture; no network, nothing stored.
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Priming.prime(() -> {
            try {
                ImageCopies.make(png.toByteArray(), PhotoRules.SMALL_PX, PhotoRules.DISPLAY_PX, PhotoRules.MAX_PIXELS);
            } catch (ImageCopies.Unreadable e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
