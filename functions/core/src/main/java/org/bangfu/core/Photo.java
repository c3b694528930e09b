package org.bangfu.core;

import java.time.Instant;

/**
 * A photo of a need (the leaking roof, the fee list) or of the help delivered on one claim. The
 * original is never shown to anyone; once processed there is an EXIF-free small and display copy.
 * {@code shared} is the poster's consent, for the family, to show a delivery photo publicly.
 */
public record Photo(
        String id,
        String needId,
        Kind kind,
        String claimId,
        State state,
        String uploaderId,
        String contentType,
        Instant createdAt,
        Instant updatedAt,
        int width,
        int height,
        boolean shared,
        String droppedBy,
        String dropReason) {

    public enum Kind {
        NEED, DELIVERY;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum State {
        /** Upload form handed out; nothing processed yet. */
        UPLOADING,
        /** Processed: small and display copies exist. */
        READY,
        /** The file was not an image we can read, or too large once decoded. */
        FAILED,
        /** Removed by a reviewer, an admin or its uploader; never shown again. */
        DROPPED
    }

    public static Photo uploading(String id, Need need, Kind kind, String claimId, Actor uploader, String contentType, Instant at) {
        return new Photo(id, need.id(), kind, claimId, State.UPLOADING, uploader.id(), contentType, at, at, 0, 0, false, null, null);
    }

    public Photo ready(int w, int h, Instant at) {
        return new Photo(id, needId, kind, claimId, State.READY, uploaderId, contentType, createdAt, at, w, h, shared, null, null);
    }

    public Photo failed(Instant at) {
        return new Photo(id, needId, kind, claimId, State.FAILED, uploaderId, contentType, createdAt, at, 0, 0, shared, null, null);
    }

    public Photo dropped(String by, String reason, Instant at) {
        return new Photo(id, needId, kind, claimId, State.DROPPED, uploaderId, contentType, createdAt, at, width, height, false, by, reason);
    }

    public Photo withShared(boolean s, Instant at) {
        return new Photo(id, needId, kind, claimId, state, uploaderId, contentType, createdAt, at, width, height, s, droppedBy, dropReason);
    }
}
