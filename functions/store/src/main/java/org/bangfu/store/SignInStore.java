package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.Items.str;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Sign-in codes, sending limits and refresh tokens. Every limit is a condition on a write, so it
 * holds under concurrency; every item carries expiresAt, and TTL removes it.
 * <pre>
 * SIGNIN#+86…        CODE            the phone's current code: keyed hash, expiresAt, tries, sentAt
 * SIGNIN#+86…        DAY#yyyy-MM-dd  codes sent to the phone that day
 * SIGNIN-SRC#addr    HOUR#…          codes asked for from one source address that hour
 * REFRESH#sha256     REFRESH         a refresh token (only its hash): personId, family, state active|rotated
 * FAMILY#id          FAMILY          a refresh-token family (one sign-in): revoked?
 * </pre>
 */
public final class SignInStore {
    /** The limits of sending (what the sign-in function checks; here as conditions). */
    public record Limits(Duration codeTtl, int maxTries, Duration resendAfter, int perPhonePerDay, int perSourcePerHour,
                         Duration refreshTtl) {
    }

    public enum CodeCheck { OK, WRONG, LOCKED }

    public enum SendRefusal { TOO_SOON, PHONE_DAILY_LIMIT, SOURCE_LIMIT }

    /** A refresh token, resolved: whose, which family. */
    public record Refresh(String personId, String family) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final DynamoDbClient db;
    private final String table;
    private final Limits limits;

    public SignInStore(DynamoDbClient db, String table, Limits limits) {
        this.db = db;
        this.table = table;
        this.limits = limits;
    }

    /**
     * Stores the phone's new code (its keyed hash) if the phone and the source are within their
     * limits; empty when stored, else why not. Nothing is written when refused.
     */
    public Optional<SendRefusal> storeCode(String phone, String source, String codeHash, Instant now) {
        long nowS = now.getEpochSecond();
        Map<String, AttributeValue> code = new HashMap<>();
        code.put(":h", s(codeHash));
        code.put(":exp", num(nowS + limits.codeTtl().toSeconds()));
        code.put(":now", num(nowS));
        code.put(":before", num(nowS - limits.resendAfter().toSeconds()));
        code.put(":zero", num(0));
        Map<String, AttributeValue> counter = Map.of(":one", num(1), ":max", num(limits.perPhonePerDay()),
                ":exp", num(nowS + Duration.ofDays(2).toSeconds()));
        Map<String, AttributeValue> perSource = Map.of(":one", num(1), ":max", num(limits.perSourcePerHour()),
                ":exp", num(nowS + Duration.ofHours(2).toSeconds()));
        try {
            db.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key("SIGNIN#" + phone, "CODE"))
                            .updateExpression("SET codeHash = :h, expiresAt = :exp, sentAt = :now, tries = :zero")
                            .conditionExpression("attribute_not_exists(sentAt) OR sentAt <= :before")
                            .expressionAttributeValues(code).build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(Items.key("SIGNIN#" + phone, "DAY#" + DAY.format(now)))
                            .updateExpression("ADD sent :one SET expiresAt = :exp")
                            .conditionExpression("attribute_not_exists(sent) OR sent < :max")
                            .expressionAttributeValues(counter).build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(Items.key("SIGNIN-SRC#" + source, "HOUR#" + HOUR.format(now)))
                            .updateExpression("ADD sent :one SET expiresAt = :exp")
                            .conditionExpression("attribute_not_exists(sent) OR sent < :max")
                            .expressionAttributeValues(perSource).build()).build()));
            return Optional.empty();
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (reasons.size() == 3) {
                if ("ConditionalCheckFailed".equals(reasons.get(2).code())) return Optional.of(SendRefusal.SOURCE_LIMIT);
                if ("ConditionalCheckFailed".equals(reasons.get(1).code())) return Optional.of(SendRefusal.PHONE_DAILY_LIMIT);
                if ("ConditionalCheckFailed".equals(reasons.get(0).code())) return Optional.of(SendRefusal.TOO_SOON);
            }
            throw new StoreBusy("sign-in code", e);
        }
    }

    /**
     * One try of a code. The try is counted before the comparison (a conditional increment that
     * fails past the limit), so simultaneous guesses can't exceed it; a right code is used up.
     */
    public CodeCheck checkCode(String phone, String codeHash, Instant now) {
        Map<String, AttributeValue> v = Map.of(":one", num(1), ":max", num(limits.maxTries()), ":now", num(now.getEpochSecond()));
        Map<String, AttributeValue> item;
        try {
            item = db.updateItem(r -> r.tableName(table).key(Items.key("SIGNIN#" + phone, "CODE"))
                    .updateExpression("ADD tries :one")
                    .conditionExpression("attribute_exists(codeHash) AND tries < :max AND expiresAt > :now")
                    .expressionAttributeValues(v).returnValues("ALL_NEW")).attributes();
        } catch (ConditionalCheckFailedException e) {
            return lockedOrWrong(phone, now);
        }
        if (!MessageDigest.isEqual(codeHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                str(item, "codeHash").getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return Integer.parseInt(item.get("tries").n()) >= limits.maxTries() ? CodeCheck.LOCKED : CodeCheck.WRONG;
        }
        try {
            // Used up: only this try may use it (another right guess at the same moment finds it gone).
            db.updateItem(r -> r.tableName(table).key(Items.key("SIGNIN#" + phone, "CODE"))
                    .updateExpression("REMOVE codeHash").conditionExpression("codeHash = :h")
                    .expressionAttributeValues(Map.of(":h", s(codeHash))));
        } catch (ConditionalCheckFailedException e) {
            return CodeCheck.WRONG;
        }
        return CodeCheck.OK;
    }

    private CodeCheck lockedOrWrong(String phone, Instant now) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key("SIGNIN#" + phone, "CODE")).consistentRead(true)).item();
        if (item != null && item.containsKey("codeHash") && item.containsKey("tries")
                && Integer.parseInt(item.get("tries").n()) >= limits.maxTries()
                && Long.parseLong(item.get("expiresAt").n()) > now.getEpochSecond()) {
            return CodeCheck.LOCKED;
        }
        return CodeCheck.WRONG;
    }

    // ---- refresh tokens -------------------------------------------------------------------------

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new family (a sign-in) with its first token. */
    public void newFamily(String personId, String family, String token, Instant now) {
        long exp = now.plus(limits.refreshTtl()).getEpochSecond();
        Map<String, AttributeValue> fam = new HashMap<>(Items.key("FAMILY#" + family, "FAMILY"));
        fam.put("type", s("RefreshFamily"));
        fam.put("personId", s(personId));
        fam.put("revoked", AttributeValue.fromBool(false));
        fam.put("expiresAt", num(exp));
        db.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(fam).conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(tokenItem(personId, family, token, exp))
                        .conditionExpression("attribute_not_exists(pk)")).build()));
    }

    /**
     * Trades a refresh token for {@code next}: empty when it is unknown, expired, of a revoked
     * family — or already used, in which case the whole family is revoked (someone holds a copy).
     */
    public Optional<Refresh> rotate(String token, String next, Instant now) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key("REFRESH#" + hash(token), "REFRESH")).consistentRead(true)).item();
        if (item == null || item.isEmpty() || Long.parseLong(item.get("expiresAt").n()) <= now.getEpochSecond()) return Optional.empty();
        String family = str(item, "family");
        String personId = str(item, "personId");
        if (!"active".equals(str(item, "state"))) {
            revoke(family);
            return Optional.empty();
        }
        long exp = now.plus(limits.refreshTtl()).getEpochSecond();
        try {
            db.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(Items.key("REFRESH#" + hash(token), "REFRESH"))
                            .updateExpression("SET #st = :rotated").conditionExpression("#st = :active")
                            .expressionAttributeNames(Map.of("#st", "state"))
                            .expressionAttributeValues(Map.of(":rotated", s("rotated"), ":active", s("active")))).build(),
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(Items.key("FAMILY#" + family, "FAMILY"))
                            .conditionExpression("revoked = :no").expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false)))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(tokenItem(personId, family, next, exp))
                            .conditionExpression("attribute_not_exists(pk)")).build()));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(c -> "ConditionalCheckFailed".equals(c.code()))) {
                // Raced with another use of the same token, or the family is revoked: either way, not this one.
                revoke(family);
                return Optional.empty();
            }
            throw new StoreBusy("refresh", e);
        }
        return Optional.of(new Refresh(personId, family));
    }

    /** Sign-out (or reuse detected): no token of the family works any more. */
    public Optional<String> revokeByToken(String token) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key("REFRESH#" + hash(token), "REFRESH")).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        revoke(str(item, "family"));
        return Optional.of(str(item, "personId"));
    }

    private void revoke(String family) {
        try {
            db.updateItem(r -> r.tableName(table).key(Items.key("FAMILY#" + family, "FAMILY"))
                    .updateExpression("SET revoked = :yes").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException gone) {
            // expired and removed by TTL: nothing left to revoke
        }
    }

    private static Map<String, AttributeValue> tokenItem(String personId, String family, String token, long exp) {
        Map<String, AttributeValue> m = new HashMap<>(Items.key("REFRESH#" + hash(token), "REFRESH"));
        m.put("type", s("RefreshToken"));
        m.put("personId", s(personId));
        m.put("family", s(family));
        m.put("state", s("active"));
        m.put("expiresAt", num(exp));
        return m;
    }
}
