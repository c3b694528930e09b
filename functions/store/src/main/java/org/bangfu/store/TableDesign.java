package org.bangfu.store;

/**
 * The single-table design. Keep in step with the Table resource in template.yaml (a test checks).
 *
 * <pre>
 * pk              sk                        what                                                    written by
 * NEED#id         NEED                      the need (public fields + sparse index keys)            NeedStore
 * NEED#id         CLAIM#claimId             a claim on it                                           NeedStore
 * NEED#id         REVIEW#council|volunteer  one review per role                                     NeedStore
 * AUDIT#NEED#id   AUDIT#instant#seq         a need's history: state changes and contact views        AuditTrail (in each step's transaction)
 * AUDIT#ORG#id, AUDIT#IMPORT#id, AUDIT#PERSON#id   the same for an organisation, an import, a person's roles
 *                                           Append-only: every put is attribute_not_exists, and no function's role may
 *                                           update, delete or batch-write an AUDIT# partition (the permissions boundary)
 * NEED#id         REPORT#reporterKey        one report by the public per reporter                   Reports
 * MILESTONE#needId MILESTONE#kind           marker: this milestone of the need is counted (once)    StatsStore
 * HH#id           HH                        the household's register entry, as first posted         NeedStore
 *                                           (personal data, never indexed, never rewritten)
 * HH#id           NEED#needId               the household as posted with that need: what its        NeedStore
 *                                           reviewers approved and its helper gets
 * HH#id           OPEN#category             lock: the household's one open need in that category    NeedStore
 * PERSON#id       PROFILE                   points total and claim record (open, completed)         PointsLedger, NeedStore
 * PERSON#id       CAP#rule#date             a daily cap counter (review points a reviewer earned today)  PointsLedger
 * PERSON#id       ONCE#key                  an earns-once marker (a reviewer's first rejection of a poster / household)  PointsLedger
 * PERSON#id       LEDGER#eventKey           one ledger line: points, rule, reason (once per event)  PointsLedger
 * BOARD#scope     PERSON#id                 a person's points in one leaderboard scope              PointsLedger
 * STATS#TOTAL     ALL | areaCode            public counters of needs published, claimed, fulfilled  StatsStore
 * STATS#CAT       (ALL | areaCode)#category the same per window                                     StatsStore
 * IDEMPOTENCY#scope IDEMPOTENCY             a request's idempotency record and answer (TTL)         IdempotencyStore
 * ORG#id          ORG                       an organisation of the alliance (+ contribution counters) SupplyRepository
 * ORG#id          MEMBER#personId           a person who acts for it                                 SupplyRepository
 * OFFER#id        OFFER                     an offer (public index keys while it can be taken up)    SupplyRepository
 * OFFER#id        PROPOSAL#id               a need proposed to it                                    SupplyRepository
 * HH#id           HELP#date#ref             help the household received (confirmed claim or import)  NeedStore, HelpStore
 * IMPORT#id       IMPORT                    an import of outside help records, written last          HelpStore
 * PERSON#id       NOTE#at#noticeKey         one line of the person's inbox (once per notice)        Inbox
 * PERSON#id       NOTIFY                    the person's notification settings (language, SMS)      Inbox
 * PERSON#id       SMSSENT#noticeKey         marker: this notice's SMS went (once)                   Inbox
 * PERSON#id       SMSDAY#need#date          marker: one SMS about this need today (China's date)    Inbox
 * PERSON#id       SMSHELD#noticeKey         an SMS waiting for the morning (or a retry)             Inbox
 * </pre>
 * Index partitions (sparse: an item carries them only while it belongs in the index, see {@code Items.indexKeys}):
 * <pre>
 * index             partition                               sort key                          holds
 * publicByArea      pubAll = PUBLIC                         pubSk = area#deadline#need        claimable needs
 * publicByCategory  pubCat = category                       pubSk                             claimable needs, one window
 * reviewQueue       queuePk = PENDING#province              queueSk = area#createdAt#need     needs waiting for review
 *                   queuePk = REPORTED#province             queueSk                           open needs with open reports
 * byOwner           ownerPk = USER#person                   ownerSk = NEED#… | CLAIM#…        a person's needs and claims
 * due               duePk = CLAIM-DUE | NEED-DUE            dueSk = date#…                    active claims, unclaimed needs
 *                   duePk = SMS-HELD                        dueSk = sendAt#person#notice      SMS held until sendAt
 * confirmQueue      confirmPk = DELIVERED#province          confirmSk = area#at#need#claim    delivered claims
 * fulfilled         doneAll = FULFILLED                     doneSk = updatedAt#need           fulfilled needs (public facts)
 * auditByArea       auditPk = AUDIT#county#yyyy-MM          auditSk = at#need#seq             audit lines
 * ledgerByArea      exportPk = LEDGER#province#yyyy-MM      exportSk = area#at#person#key     ledger lines
 * leaderboard       boardPk = scope                         boardPoints                       board entries
 * supply            supPk = OFFERS | ORGS#PENDING|VERIFIED   supSk = area#until|createdAt#id   open offers, organisations
 * </pre>
 * Index keys exist only while an item belongs in the index, so a need that is not listable is
 * simply absent from the public indexes: delisting is a property of the data.
 */
public final class TableDesign {
    private TableDesign() {
    }

    public static final String PK = "pk";
    public static final String SK = "sk";

    /** Public listing, all windows: pubAll = "PUBLIC", pubSk = areaCode#deadline#id. */
    public static final String INDEX_PUBLIC_BY_AREA = "publicByArea";
    /** Public listing, one window: pubCat = category, pubSk as above. */
    public static final String INDEX_PUBLIC_BY_CATEGORY = "publicByCategory";
    /** Review queue: queuePk = "PENDING#" + province, queueSk = areaCode#createdAt#id. */
    public static final String INDEX_REVIEW_QUEUE = "reviewQueue";
    /** A person's own items: ownerPk = "USER#" + sub, ownerSk = NEED#createdAt#id or CLAIM#createdAt#id. */
    public static final String INDEX_BY_OWNER = "byOwner";

    /** Due dates: duePk = "CLAIM-DUE" (active claims, dueSk = dueOn#need#claim) or "NEED-DUE" (unclaimed published needs, dueSk = deadline#need). */
    public static final String INDEX_DUE = "due";
    /** Leaderboards: boardPk = scope, boardPoints = points (number), highest first. */
    public static final String INDEX_LEADERBOARD = "leaderboard";
    /** Ledger lines by place and month for exports: exportPk = "LEDGER#" + province + "#" + yyyy-MM, exportSk = areaCode#at#person#key. */
    public static final String INDEX_LEDGER_BY_AREA = "ledgerByArea";

    /** Audit trail by place and time: auditPk = "AUDIT#" + county + "#" + yyyy-MM, auditSk = at#need#seq. */
    public static final String INDEX_AUDIT_BY_AREA = "auditByArea";
    public static final String AUDIT_PK = "auditPk";
    public static final String AUDIT_SK = "auditSk";
    /** Fulfilled needs, newest first (the public feed): doneAll = "FULFILLED", doneSk = updatedAt#id. Public attributes only. */
    public static final String INDEX_FULFILLED = "fulfilled";
    /** Delivered claims waiting for confirmation: confirmPk = "DELIVERED#" + province, confirmSk = areaCode#deliveredAt#needId#claimId. */
    public static final String INDEX_CONFIRM_QUEUE = "confirmQueue";

    /**
     * The supply side: supPk = "OFFERS" (offers that can be taken up; supSk = areaCode#until#id) or
     * "ORGS#PENDING" | "ORGS#VERIFIED" (organisations; supSk = areaCode#createdAt#id). Public attributes only.
     */
    public static final String INDEX_SUPPLY = "supply";
    public static final String SUP_PK = "supPk";
    public static final String SUP_SK = "supSk";
    public static final java.util.List<String> SUPPLY_PROJECTION = java.util.List.of(
            "id", "kind", "category", "title", "description", "unit", "quantity", "remaining", "capacity", "capPeriod", "areaCode", "until", "offererName",
            "organisationId", "organisationName", "state", "createdAt", "name", "decidedAt", "helpedClaims", "helpedUnits",
            "helpedValueYuan");

    public static final String DONE_ALL = "doneAll";
    public static final String DONE_SK = "doneSk";
    public static final String CONFIRM_PK = "confirmPk";
    public static final String CONFIRM_SK = "confirmSk";

    public static final String DUE_PK = "duePk";
    public static final String DUE_SK = "dueSk";
    public static final String BOARD_PK = "boardPk";
    public static final String BOARD_POINTS = "boardPoints";
    public static final String EXPORT_PK = "exportPk";
    public static final String EXPORT_SK = "exportSk";

    public static final String PUB_ALL = "pubAll";
    public static final String PUB_CAT = "pubCat";
    public static final String PUB_SK = "pubSk";
    public static final String QUEUE_PK = "queuePk";
    public static final String QUEUE_SK = "queueSk";
    public static final String OWNER_PK = "ownerPk";
    public static final String OWNER_SK = "ownerSk";

    /** What the public indexes carry: nothing personal, not even the contact. */
    public static final java.util.List<String> PUBLIC_PROJECTION = java.util.List.of(
            "id", "category", "title", "description", "unit", "valueYuan", "deadline", "areaCode", "beneficiary",
            "state", "qTotal", "qRemaining", "publishedAt");

    /** What the fulfilled feed carries: the public view's facts of a done need, nothing personal. */
    public static final java.util.List<String> FULFILLED_PROJECTION = java.util.List.of(
            "id", "category", "title", "unit", "qTotal", "areaCode", "beneficiary", "publishedAt", "updatedAt");

    public static String needPk(String needId) {
        return "NEED#" + needId;
    }

    /** The partition of an organisation of the alliance (its ORG item, members, contribution counters). */
    public static String organisationPk(String organisationId) {
        return "ORG#" + organisationId;
    }

    /**
     * The partition of the audit lines about a subject (a need's, an organisation's, a person's…): their own
     * partition, so IAM can keep them append-only by key (dynamodb:LeadingKeys AUDIT#*).
     */
    public static String auditPk(String subjectPk) {
        return "AUDIT#" + subjectPk;
    }

    /** The partition of a need's milestone markers (the stats aggregator writes there and nowhere near the need). */
    public static String milestonePk(String needId) {
        return "MILESTONE#" + needId;
    }

    public static String personPk(String personId) {
        return "PERSON#" + personId;
    }

    public static String householdPk(String householdId) {
        return "HH#" + householdId;
    }
}
