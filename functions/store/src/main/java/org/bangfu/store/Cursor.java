package org.bangfu.store;

import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.*;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.bangfu.core.DomainException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a page of a listing stopped. One format for every listing: the index sort key of the last
 * item read, base64url, opaque to clients. A cursor is only good for the listing that gave it out:
 * it must have that listing's sort-key shape and lie inside the listing's area; anything else is a
 * 400 on {@code cursor}.
 */
final class Cursor {
    /** The paged listings: the sort key each one's index orders by, part by part (see {@link TableDesign}). */
    enum Listing {
        PUBLIC(PUB_SK, Part.AREA, Part.DATE, Part.NEED),
        REVIEW_QUEUE(QUEUE_SK, Part.AREA, Part.INSTANT, Part.NEED),
        FULFILLED(DONE_SK, Part.INSTANT, Part.NEED),
        CONFIRM_QUEUE(CONFIRM_SK, Part.AREA, Part.INSTANT, Part.NEED, Part.CLAIM);

        final String sortKeyName;
        private final Pattern shape;
        private final boolean ofClaims;

        Listing(String sortKeyName, Part... parts) {
            this.sortKeyName = sortKeyName;
            StringBuilder regex = new StringBuilder();
            for (Part p : parts) regex.append(regex.isEmpty() ? "" : "#").append(p.regex);
            this.shape = Pattern.compile(regex.toString());
            this.ofClaims = parts[parts.length - 1] == Part.CLAIM;
        }
    }

    private enum Part {
        AREA("\\d{12}"), DATE("\\d{4}-\\d{2}-\\d{2}"), INSTANT("[0-9T:.\\-Z]{20,30}"), NEED("n[a-z0-9]{12}"), CLAIM("c[a-z0-9]{12}");

        final String regex;

        Part(String regex) {
            this.regex = regex;
        }
    }

    private final Listing listing;
    private final String sortKey;

    private Cursor(Listing listing, String sortKey) {
        this.listing = listing;
        this.sortKey = sortKey;
    }

    /** A client's cursor for {@code listing}, or null when there is none. */
    static Cursor read(String token, Listing listing, String areaPrefix) {
        if (token == null) return null;
        try {
            String sk = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (listing.shape.matcher(sk).matches() && sk.startsWith(areaPrefix == null ? "" : areaPrefix)) {
                return new Cursor(listing, sk);
            }
        } catch (IllegalArgumentException ignored) {
            // fall through
        }
        throw invalid();
    }

    /** The cursor after the last item DynamoDB evaluated, or null at the end. */
    static String after(Listing listing, Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) return null;
        String sk = lastEvaluatedKey.get(listing.sortKeyName).s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sk.getBytes(StandardCharsets.UTF_8));
    }

    /** DynamoDB's exclusive start key: the item's own key and its index keys (the partition is the listing's, not the client's). */
    Map<String, AttributeValue> startKey(String partitionName, AttributeValue partition) {
        String[] parts = sortKey.split("#");
        String needId = parts[listing.ofClaims ? parts.length - 2 : parts.length - 1];
        String sk = listing.ofClaims ? "CLAIM#" + parts[parts.length - 1] : "NEED";
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, s(needPk(needId)));
        key.put(SK, s(sk));
        key.put(listing.sortKeyName, s(sortKey));
        key.put(partitionName, partition);
        return key;
    }

    static DomainException.Invalid invalid() {
        return new DomainException.Invalid("cursor", "无效的分页游标 (not a cursor this listing gave out)");
    }
}
