package org.bangfu.store;

import static org.bangfu.store.TableDesign.needPk;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.core.Photo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Photos of a need, one item each beside the need: pk NEED#id, sk PHOTO#photoId. Every change is
 * a put conditioned on the version read (updatedAt), so two decisions never overwrite each other.
 */
public final class PhotoRepository {
    private final DynamoDbClient db;
    private final String table;

    public PhotoRepository(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    public static PhotoRepository live() {
        return new PhotoRepository(Dynamo.client(), Dynamo.tableName());
    }

    /** All photos of a need, oldest first (the first public one is the need's picture). */
    public List<Photo> photos(String needId) {
        var items = db.query(q -> q.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                .expressionAttributeValues(Map.of(":p", s(needPk(needId)), ":s", s("PHOTO#"))).consistentRead(true)).items();
        return items.stream().map(PhotoRepository::toPhoto)
                .sorted(Comparator.comparing(Photo::createdAt).thenComparing(Photo::id)).toList();
    }

    public Optional<Photo> photo(String needId, String photoId) {
        var item = db.getItem(r -> r.tableName(table).key(key(needId, photoId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toPhoto(item));
    }

    public void create(Photo p) {
        db.putItem(r -> r.tableName(table).item(item(p)).conditionExpression("attribute_not_exists(pk)"));
    }

    /** Writes {@code after} if the stored photo is still {@code before}; false when someone changed it meanwhile. */
    public boolean replace(Photo before, Photo after) {
        try {
            db.putItem(r -> r.tableName(table).item(item(after)).conditionExpression("updatedAt = :u")
                    .expressionAttributeValues(Map.of(":u", s(before.updatedAt().toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String needId, String photoId) {
        return Map.of("pk", s(needPk(needId)), "sk", s("PHOTO#" + photoId));
    }

    public static Map<String, AttributeValue> item(Photo p) {
        Map<String, AttributeValue> m = new HashMap<>(key(p.needId(), p.id()));
        m.put("type", s("Photo"));
        m.put("id", s(p.id()));
        m.put("needId", s(p.needId()));
        m.put("kind", s(p.kind().name()));
        if (p.claimId() != null) m.put("claimId", s(p.claimId()));
        m.put("state", s(p.state().name()));
        m.put("uploaderId", s(p.uploaderId()));
        m.put("contentType", s(p.contentType()));
        m.put("createdAt", s(p.createdAt().toString()));
        m.put("updatedAt", s(p.updatedAt().toString()));
        m.put("width", n(p.width()));
        m.put("height", n(p.height()));
        m.put("shared", AttributeValue.fromBool(p.shared()));
        if (p.droppedBy() != null) m.put("droppedBy", s(p.droppedBy()));
        if (p.dropReason() != null) m.put("dropReason", s(p.dropReason()));
        return m;
    }

    static Photo toPhoto(Map<String, AttributeValue> m) {
        return new Photo(str(m, "id"), str(m, "needId"), Photo.Kind.valueOf(str(m, "kind")), str(m, "claimId"),
                Photo.State.valueOf(str(m, "state")), str(m, "uploaderId"), str(m, "contentType"),
                Instant.parse(str(m, "createdAt")), Instant.parse(str(m, "updatedAt")),
                Integer.parseInt(m.get("width").n()), Integer.parseInt(m.get("height").n()),
                Boolean.TRUE.equals(m.get("shared").bool()), str(m, "droppedBy"), str(m, "dropReason"));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(int v) {
        return AttributeValue.fromN(Integer.toString(v));
    }

    private static String str(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null ? null : v.s();
    }
}
