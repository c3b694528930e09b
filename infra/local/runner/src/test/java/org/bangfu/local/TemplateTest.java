package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bangfu.lambda.Json;
import org.bangfu.local.dynamodb.Template;
import org.bangfu.store.TableDesign;
import org.junit.jupiter.api.Test;

/** template.yaml and the code must agree: handlers, routes, artifacts, table, and least-privilege policies. */
class TemplateTest {
    private final Template template = Template.ofProject();

    @Test
    void everyFunctionsHandlerClassExistsAndIsAnHttpApiHandler() throws Exception {
        for (var fn : template.resourcesOfType("AWS::Serverless::Function")) {
            String handler = fn.getValue().path("Properties").path("Handler").asText();
            assertTrue(handler.endsWith("::handleRequest"), fn.getKey() + ": " + handler);
            Class<?> c = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertTrue(RequestHandler.class.isAssignableFrom(c), c + " is not a RequestHandler");
            assertNotNull(c.getConstructor(), c + " needs a public no-arg constructor for Lambda");
        }
    }

    @Test
    void everyFunctionModuleIsDeployedByItsOwnArtifactAndEveryArtifactHasAModule() throws Exception {
        Path root = Template.projectRoot();
        Set<String> codeUris = new TreeSet<>();
        for (var fn : template.resourcesOfType("AWS::Serverless::Function")) {
            String uri = fn.getValue().path("Properties").path("CodeUri").asText();
            assertTrue(uri.matches("functions/[a-z-]+/target/[a-z-]+-lambda\\.jar"), uri);
            String module = uri.split("/")[1];
            assertEquals(module + "-lambda.jar", uri.substring(uri.lastIndexOf('/') + 1), "artifact named after its module");
            assertTrue(Files.isRegularFile(root.resolve("functions").resolve(module).resolve("pom.xml")), "module " + module);
            String handlerPackage = fn.getValue().path("Properties").path("Handler").asText().replaceAll("\\.[A-Za-z]+::.*", "");
            Path src = root.resolve("functions").resolve(module).resolve("src/main/java").resolve(handlerPackage.replace('.', '/'));
            assertTrue(Files.isDirectory(src), "handler of " + fn.getKey() + " lives in its own module " + module);
            assertTrue(codeUris.add(module), "two functions share " + module);
        }
        Set<String> modulesWithHandlers;
        try (Stream<Path> dirs = Files.list(root.resolve("functions"))) {
            modulesWithHandlers = dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java/org/bangfu/fn")))
                    .map(d -> d.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(modulesWithHandlers, codeUris, "every function module is in template.yaml and vice versa");
    }

    @Test
    void everyRouteOfTheDesignIsServedByExactlyOneFunction() {
        Routes routes = Routes.from(template);
        Map<String, Boolean> expected = new TreeMap<>(Map.of(
                "GET /api/needs", false, "GET /api/needs/{id}", false, "POST /api/needs", true,
                "POST /api/needs/{id}/reviews", true, "POST /api/needs/{id}/claims", true,
                "POST /api/needs/{id}/claims/{claimId}/delivered", true, "POST /api/needs/{id}/claims/{claimId}/confirm", true,
                "DELETE /api/needs/{id}/claims/{claimId}", true, "GET /api/me", true, "GET /api/review-queue", true));
        expected.put("GET /api/leaderboard", false);
        expected.put("GET /api/exports/civic-points", true);
        expected.put("GET /share/{id}", false);
        expected.put("GET /api/audit", true);
        expected.put("POST /api/needs/{id}/reports", false);
        expected.put("POST /api/needs/{id}/reports/resolve", true);
        expected.put("GET /api/stats", false);
        expected.put("GET /api/confirm-queue", true);
        SupplyTest.ROUTES.forEach(expected::put);
        expected.put("DELETE /api/organisations/{id}/members/{personId}", true);
        expected.put("PATCH /api/organisations/{id}/members/{personId}", true);
        expected.put("POST /api/needs/{id}/photos", true);
        expected.put("GET /api/needs/{id}/photos", false);
        expected.put("GET /api/needs/{id}/photos/all", true);
        expected.put("GET /api/photos/{needId}/{photoId}/{size}", false);
        expected.put("DELETE /api/needs/{id}/photos/{photoId}", true);
        expected.put("POST /api/needs/{id}/photos/{photoId}/consent", true);
        expected.put("GET /api/me/notifications", true);
        expected.put("POST /api/me/notifications/read", true);
        expected.put("POST /api/me/notification-settings", true);
        for (String open : List.of("POST /api/auth/sms-code", "POST /api/auth/token", "POST /api/auth/refresh", "POST /api/auth/logout",
                "GET /.well-known/openid-configuration", "GET /.well-known/jwks.json")) {
            expected.put(open, false);
        }
        for (String signedIn : List.of("GET /api/people", "POST /api/people", "DELETE /api/people/{id}/roles/{role}",
                "POST /api/me/helper", "DELETE /api/me/helper")) {
            expected.put(signedIn, true);
        }
        expected.put("PUT /api/needs/{id}", true);
        expected.put("DELETE /api/needs/{id}", true);
        expected.put("GET /api/me/needs/{id}", true);
        expected.put("GET /api/wechat/js-config", false);
        expected.put("POST /api/auth/wechat/authorize", false);
        expected.put("POST /api/auth/wechat", false);
        expected.put("POST /api/me/wechat/authorize", true);
        expected.put("POST /api/me/wechat", true);
        expected.put("GET /api/me/wechat", true);
        expected.put("DELETE /api/me/wechat", true);
        Map<String, Boolean> declared = new TreeMap<>();
        routes.all().forEach(r -> assertNull(declared.put(r.routeKey(), r.requiresAuth()), "duplicate route " + r.routeKey()));
        assertEquals(expected, declared, "routes and whether each needs a signed-in user");
        // And the gateway really reaches a handler for each (no 404 from routing).
        Api api = TestPlatform.api();
        for (String key : expected.keySet()) {
            String[] mp = key.split(" ");
            String path = mp[1].replace("{id}", "nzzzzzzzzzzzz").replace("{claimId}", "czzzzzzzzzzzz")
                    .replace("{proposalId}", "pzzzzzzzzzzzz").replace("{role}", "council")
                    .replace("{needId}", "nzzzzzzzzzzzz").replace("{photoId}", "mzzzzzzzzzzzz").replace("{size}", "small")
                    .replace("{personId}", "someone");
            Api.Reply r = api.send(mp[0], path, null, null, null);
            if (expected.get(key)) assertEquals(401, r.status(), key + " must demand a token: " + r);
            else assertNotEquals("Not Found", r.body().path("message").asText(), key + " routed: " + r);
        }
    }

    @Test
    void tableInTemplateMatchesTheRepositorysDesign() {
        var req = template.tableRequest("t");
        assertEquals(Set.of(TableDesign.INDEX_PUBLIC_BY_AREA, TableDesign.INDEX_PUBLIC_BY_CATEGORY, TableDesign.INDEX_REVIEW_QUEUE,
                TableDesign.INDEX_BY_OWNER, TableDesign.INDEX_DUE, TableDesign.INDEX_LEADERBOARD, TableDesign.INDEX_LEDGER_BY_AREA,
                TableDesign.INDEX_AUDIT_BY_AREA, TableDesign.INDEX_FULFILLED, TableDesign.INDEX_CONFIRM_QUEUE, TableDesign.INDEX_SUPPLY,
                org.bangfu.store.PeopleStore.INDEX_PEOPLE),
                req.globalSecondaryIndexes().stream().map(g -> g.indexName()).collect(Collectors.toSet()));
        for (var g : req.globalSecondaryIndexes()) {
            if (g.indexName().startsWith("public")) {
                assertEquals("INCLUDE", g.projection().projectionTypeAsString(), "public indexes project nothing personal");
                assertEquals(Set.copyOf(TableDesign.PUBLIC_PROJECTION), Set.copyOf(g.projection().nonKeyAttributes()));
            }
            if (g.indexName().equals(TableDesign.INDEX_FULFILLED)) {
                assertEquals("INCLUDE", g.projection().projectionTypeAsString(), "the public feed projects nothing personal");
                assertEquals(Set.copyOf(TableDesign.FULFILLED_PROJECTION), Set.copyOf(g.projection().nonKeyAttributes()));
            }
            if (g.indexName().equals(TableDesign.INDEX_SUPPLY)) {
                assertEquals(Set.copyOf(TableDesign.SUPPLY_PROJECTION), Set.copyOf(g.projection().nonKeyAttributes()), "offers and organisations: public attributes only");
            }
            if (g.indexName().equals(TableDesign.INDEX_LEADERBOARD)) {
                assertEquals(Set.of("displayName", "personId"), Set.copyOf(g.projection().nonKeyAttributes()), "a public board carries names and points only");
            }
        }
        JsonNode table = template.resourcesOfType("AWS::DynamoDB::Table").get(0).getValue().path("Properties");
        assertTrue(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
        assertEquals("NEW_AND_OLD_IMAGES", table.path("StreamSpecification").path("StreamViewType").asText());
    }

    /**
     * Runs every route through the gateway (the rejection, release and fulfilment paths too), records
     * the DynamoDB actions each function really performs, and requires its policy to grant exactly those.
     */
    @Test
    void eachFunctionsPolicyGrantsExactlyTheDynamoDbActionsItUses() throws Exception {
        exerciseEveryFunction(TestPlatform.api());
        writeRecorded("leading-keys.txt", DynamoCallRecorder.KEYS);
        writeRecorded("calls.txt", DynamoCallRecorder.CALLS);
        // Item level: each function writes (and a public one reads) only the partitions it must, audit lines only ever added.
        List<String> keyProblems = new java.util.ArrayList<>();
        for (var fn : template.resourcesOfType("AWS::Serverless::Function")) {
            keyProblems.addAll(leadingKeyProblems(fn.getKey(), fn.getValue().path("Properties").path("Policies"),
                    DynamoCallRecorder.KEYS.getOrDefault(fn.getKey(), Set.of()), isPublic(fn.getValue())));
        }
        assertEquals(List.of(), keyProblems, "dynamodb:LeadingKeys of each function's policy");
        // IAM cannot say "put only if absent": every audit put the tests saw must say it (AuditTrail.APPEND_ONLY), in its own partition.
        assertEquals(Map.of(), DynamoCallRecorder.AUDIT_OVERWRITES, "audit puts that could overwrite a line");
        for (var fn : template.resourcesOfType("AWS::Serverless::Function")) {
            JsonNode props = fn.getValue().path("Properties");
            Set<String> granted = new TreeSet<>();
            Set<String> eventSource = new TreeSet<>();
            Set<String> s3Granted = new TreeSet<>();
            for (JsonNode p : props.path("Policies")) {
                // !If [Condition, policy, AWS::NoValue]: the conditional policy counts as granted.
                JsonNode policy = p.isArray() ? p.path(1) : p;
                assertTrue(policy.has("Statement"), fn.getKey() + ": only inline statements, no broad SAM policy templates");
                for (JsonNode st : policy.path("Statement")) {
                    assertEquals("Allow", st.path("Effect").asText());
                    for (JsonNode action : iterable(st.path("Action"))) {
                        for (JsonNode resource : iterable(st.path("Resource"))) {
                            String r = resource(resource.asText());
                            if (r.startsWith("photos-bucket/") || r.startsWith("snapshot-bucket")) {
                                s3Granted.add(action.asText() + " " + r);
                                continue;
                            }
                            (r.equals("table") || r.startsWith("index/") ? granted : eventSource).add(action.asText() + " " + r);
                        }
                    }
                }
            }
            Set<String> recorded = DynamoCallRecorder.CALLS.getOrDefault(fn.getKey(), Set.of());
            if (!granted.isEmpty() || !s3Granted.isEmpty()) assertFalse(recorded.isEmpty(), fn.getKey() + " was not exercised");
            Set<String> used = new TreeSet<>(recorded.stream().filter(c -> c.startsWith("dynamodb:")).toList());
            // S3: the calls the function makes, plus what it signs for the browser (the upload form, presigned GETs).
            Set<String> s3Used = new TreeSet<>(recorded.stream().filter(c -> c.startsWith("s3:")).toList());
            s3Used.addAll(SIGNED_FOR_THE_BROWSER.getOrDefault(fn.getKey(), Set.of()));
            assertEquals(s3Used, s3Granted, fn.getKey() + ": policy must grant exactly the S3 actions the function uses or signs");
            assertEquals(used, granted, fn.getKey() + ": policy must grant exactly the table actions the function uses");
            // Reading the stream and dead-lettering are done by Lambda with the function's role: exactly these, only where needed.
            Set<String> needed = new TreeSet<>(OTHER_PERMISSIONS.getOrDefault(fn.getKey(), Set.of()));
            props.path("Events").forEach(e -> {
                if (e.path("Type").asText().equals("DynamoDB")) {
                    assertEquals("Table.StreamArn", e.path("Properties").path("Stream").asText());
                    for (String a : List.of("DescribeStream", "GetRecords", "GetShardIterator", "ListStreams")) needed.add("dynamodb:" + a + " stream");
                    String dlq = e.path("Properties").path("DestinationConfig").path("OnFailure").path("Destination").asText();
                    assertFalse(dlq.isEmpty(), fn.getKey() + ": a stream consumer needs an on-failure destination");
                    needed.add("sqs:SendMessage " + resource(dlq));
                    assertEquals("ReportBatchItemFailures", e.path("Properties").path("FunctionResponseTypes").path(0).asText());
                }
            });
            assertEquals(needed, eventSource, fn.getKey() + ": stream and queue permissions");
            Set<String> secretsRead = new TreeSet<>(recorded.stream().filter(c -> c.startsWith("secretsmanager:")).toList());
            assertEquals(secretsRead, new TreeSet<>(eventSource.stream().filter(c -> c.startsWith("secretsmanager:")).toList()),
                    fn.getKey() + ": the secrets it reads, exactly");
        }
    }

    /** What the tests recorded, one line per function (target/…: what to grant a new call, when this test fails). */
    private static void writeRecorded(String file, Map<String, Set<String>> recorded) throws java.io.IOException {
        Files.writeString(Template.projectRoot().resolve("infra/local/runner/target/" + file),
                new TreeMap<>(recorded).entrySet().stream().map(e -> e.getKey() + " " + new TreeSet<>(e.getValue())).collect(Collectors.joining("\n")));
    }

    /** A statement whose resources include the table itself (not an index or the stream). */
    private static boolean onTable(JsonNode statement) {
        for (JsonNode r : iterable(statement.path("Resource"))) if (r.asText().equals("Table.Arn")) return true;
        return false;
    }

    static final Set<String> WRITES = Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem");
    static final Set<String> READS = Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem");
    /** Actions that change or remove an existing item: never on an audit line (an audit put is conditional, in the code). */
    static final Set<String> REWRITES = Set.of("dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
    /** Partitions holding a household's personal data (TableDesign: register entry, as posted, locks, help). */
    static final List<String> HOUSEHOLD = List.of("HH#");

    /** A function any caller reaches without signing in (one of its routes has no authoriser). */
    static boolean isPublic(JsonNode fn) {
        for (JsonNode e : fn.path("Properties").path("Events")) {
            if (e.path("Type").asText().equals("HttpApi") && e.path("Properties").path("Auth").path("Authorizer").asText().equals("NONE")) return true;
        }
        return false;
    }

    /**
     * What is wrong with a function's table grants at the item level: a write (or a public function's
     * read) without a dynamodb:LeadingKeys condition, a recorded call outside what is granted, a granted
     * partition prefix no test used, a grant that could update or delete an audit line, a public
     * function reaching household partitions. Empty when all is well.
     */
    static List<String> leadingKeyProblems(String fn, JsonNode policies, Set<String> recorded, boolean isPublic) {
        List<String> problems = new java.util.ArrayList<>();
        Map<String, Set<String>> grants = new TreeMap<>(); // action → LeadingKeys patterns ("*" when unconditioned)
        for (JsonNode p : policies) {
            JsonNode policy = p.isArray() ? p.path(1) : p;
            for (JsonNode st : policy.path("Statement")) {
                if (!onTable(st)) continue;
                JsonNode keys = st.path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys");
                for (JsonNode a : iterable(st.path("Action"))) {
                    String action = a.asText();
                    boolean mustLimit = WRITES.contains(action) || (isPublic && READS.contains(action));
                    if (keys.isMissingNode()) {
                        if (mustLimit) problems.add(fn + ": " + action + " on the table without a dynamodb:LeadingKeys condition");
                        grants.computeIfAbsent(action, x -> new TreeSet<>()).add("*");
                    } else {
                        for (JsonNode k : iterable(keys)) grants.computeIfAbsent(action, x -> new TreeSet<>()).add(k.asText());
                    }
                }
            }
        }
        for (String call : recorded) {
            String action = call.substring(0, call.indexOf(' ')), prefix = call.substring(call.indexOf(' ') + 1);
            if (grants.getOrDefault(action, Set.of()).stream().noneMatch(g -> like(g, prefix + "x")))
                problems.add(fn + ": " + action + " on " + prefix + "… is not granted by its LeadingKeys " + grants.getOrDefault(action, Set.of()));
        }
        grants.forEach((action, patterns) -> {
            for (String g : patterns) {
                if (REWRITES.contains(action) && like(g, "AUDIT#x")) problems.add(fn + ": " + action + " " + g + " could rewrite or delete audit lines");
                if (isPublic && HOUSEHOLD.stream().anyMatch(h -> like(g, h + "x"))) problems.add(fn + ": public, yet " + action + " " + g + " reaches household data");
                if (!g.equals("*") && recorded.stream().noneMatch(c -> c.startsWith(action + " ") && like(g, c.substring(c.indexOf(' ') + 1) + "x")))
                    problems.add(fn + ": " + action + " " + g + " granted but no test used it");
            }
        });
        return problems;
    }

    /** One statement on the table, in the form template.yaml takes once loaded (!GetAtt Table.Arn reads "Table.Arn"). */
    private static String statement(String actions, String leadingKeys) {
        return "{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":\"Table.Arn\""
                + (leadingKeys == null ? "" : ",\"Condition\":{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[" + leadingKeys + "]}}") + "}";
    }

    private static List<String> problems(boolean isPublic, Set<String> recorded, String... statements) throws Exception {
        JsonNode policies = Json.parse("[{\"Statement\":[" + String.join(",", statements) + "]}]");
        return leadingKeyProblems("Fn", policies, recorded, isPublic);
    }

    /** The check above, tried with the policies a careless or hurried change would write. */
    @Test
    void theLeadingKeysCheckRefusesEachWayAPolicyCanGrantTooMuch() throws Exception {
        Set<String> claim = Set.of("dynamodb:GetItem NEED#", "dynamodb:UpdateItem NEED#", "dynamodb:PutItem AUDIT#");
        // exactly what it does: nothing to say
        assertEquals(List.of(), problems(false, claim,
                statement("\"dynamodb:GetItem\",\"dynamodb:UpdateItem\"", "\"NEED#*\""), statement("\"dynamodb:PutItem\"", "\"AUDIT#*\"")));
        // a write on the whole table
        assertTrue(problems(false, claim, statement("\"dynamodb:GetItem\",\"dynamodb:UpdateItem\"", null), statement("\"dynamodb:PutItem\"", "\"AUDIT#*\""))
                .contains("Fn: dynamodb:UpdateItem on the table without a dynamodb:LeadingKeys condition"));
        // a pattern wide enough to reach audit lines: '*', 'A*', '?UDIT#*'
        for (String wide : List.of("\"*\"", "\"A*\"", "\"?UDIT#*\"", "\"NEED#*\",\"AUDIT#*\"")) {
            assertTrue(problems(false, claim, statement("\"dynamodb:GetItem\",\"dynamodb:UpdateItem\"", wide), statement("\"dynamodb:PutItem\"", "\"AUDIT#*\""))
                    .stream().anyMatch(p -> p.contains("could rewrite or delete audit lines")), wide);
        }
        assertTrue(problems(false, Set.of("dynamodb:DeleteItem HH#"), statement("\"dynamodb:DeleteItem\"", "\"HH#*\",\"AUDIT#*\""))
                .stream().anyMatch(p -> p.contains("could rewrite or delete audit lines")));
        // a call the code makes that the policy does not allow (AWS would refuse it: found here, not in Ningxia at 2 a.m.)
        assertEquals(List.of("Fn: dynamodb:PutItem on AUDIT#… is not granted by its LeadingKeys [NEED#*]"),
                problems(false, Set.of("dynamodb:PutItem AUDIT#", "dynamodb:PutItem NEED#"), statement("\"dynamodb:PutItem\"", "\"NEED#*\"")));
        // a partition granted that no test ever used
        assertEquals(List.of("Fn: dynamodb:GetItem HH#* granted but no test used it"),
                problems(false, Set.of("dynamodb:GetItem NEED#"), statement("\"dynamodb:GetItem\"", "\"NEED#*\",\"HH#*\"")));
        // a public function: reads are limited too, and never to household partitions
        assertTrue(problems(true, Set.of("dynamodb:GetItem NEED#"), statement("\"dynamodb:GetItem\"", null))
                .contains("Fn: dynamodb:GetItem on the table without a dynamodb:LeadingKeys condition"));
        assertTrue(problems(true, Set.of("dynamodb:GetItem NEED#", "dynamodb:GetItem HH#"), statement("\"dynamodb:GetItem\"", "\"NEED#*\",\"HH#*\""))
                .contains("Fn: public, yet dynamodb:GetItem HH#* reaches household data"));
        assertTrue(problems(true, Set.of("dynamodb:Query NEED#"), statement("\"dynamodb:Query\"", "\"*\""))
                .contains("Fn: public, yet dynamodb:Query * reaches household data"));
        // a signed-in function's read of the whole table is allowed (its routes check the caller), a write is not
        assertEquals(List.of(), problems(false, Set.of("dynamodb:GetItem HH#"), statement("\"dynamodb:GetItem\"", null)));
    }

    /** Every function's role is capped by one boundary that refuses to change or delete audit lines. */
    @Test
    void everyFunctionIsCappedByABoundaryThatNeverLetsAnAuditLineChange() throws Exception {
        JsonNode globals = template.root().path("Globals").path("Function");
        assertEquals("FunctionBoundary", globals.path("PermissionsBoundary").asText());
        for (var fn : template.resourcesOfType("AWS::Serverless::Function")) {
            assertTrue(fn.getValue().path("Properties").path("PermissionsBoundary").isMissingNode(), fn.getKey() + " must not replace the boundary");
        }
        JsonNode boundary = template.resourcesOfType("AWS::IAM::ManagedPolicy").stream().filter(e -> e.getKey().equals("FunctionBoundary"))
                .findFirst().orElseThrow().getValue().path("Properties").path("PolicyDocument");
        Set<String> denied = new TreeSet<>();
        for (JsonNode st : boundary.path("Statement")) {
            if (!st.path("Effect").asText().equals("Deny")) continue;
            JsonNode keys = st.path("Condition").path("ForAnyValue:StringLike").path("dynamodb:LeadingKeys");
            boolean audit = false;
            for (JsonNode k : iterable(keys)) audit |= like(k.asText(), TableDesign.auditPk(TableDesign.needPk("n1")));
            if (onTable(st) && audit) for (JsonNode a : iterable(st.path("Action"))) denied.add(a.asText());
        }
        assertTrue(denied.containsAll(REWRITES), "the boundary denies " + denied + ", must deny " + REWRITES + " on AUDIT#");
        assertFalse(denied.contains("dynamodb:PutItem"), "audit lines must still be added");
    }

    /** IAM's StringLike: '*' any run of characters, '?' one. */
    static boolean like(String pattern, String value) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        return value.matches(re.toString());
    }

    /** S3 requests a function signs for the browser to make (not made by the function, so not recorded). */
    private static final Map<String, Set<String>> SIGNED_FOR_THE_BROWSER = Map.of(
            "PhotoUploadFunction", Set.of("s3:PutObject photos-bucket/uploads/*"),
            "PhotoReadFunction", Set.of("s3:GetObject photos-bucket/photos/*"),
            "PhotoDecisionFunction", Set.of("s3:GetObject photos-bucket/photos/*"));

    /** Beyond the table: the token key (sign only for the token function, read the public key only for the issuer), SNS for SMS. */
    private static final Map<String, Set<String>> OTHER_PERMISSIONS = Map.of(
            "TokenFunction", Set.of("kms:Sign key/TokenKey"),
            "IssuerFunction", Set.of("kms:GetPublicKey key/TokenKey"),
            "SignInCodeFunction", Set.of("sns:Publish *"),
            "NotifyFunction", Set.of("sns:Publish *"),
            "HeldSmsFunction", Set.of("sns:Publish *"),
            "WeChatJsConfigFunction", Set.of("secretsmanager:GetSecretValue secret/WeChatSecretArn"),
            "WeChatSignInFunction", Set.of("secretsmanager:GetSecretValue secret/WeChatSecretArn", "kms:Sign key/TokenKey"));

    private static Iterable<JsonNode> iterable(JsonNode n) {
        return n.isArray() ? n : Json.array().add(n);
    }

    private static String resource(String r) {
        if (r.equals("Table.Arn")) return "table";
        if (r.equals("Table.StreamArn")) return "stream";
        if (r.equals("TokenKey.Arn")) return "key/TokenKey";
        if (r.equals("WeChatSecretArn")) return "secret/WeChatSecretArn"; // the pilot's one secret, by its parameter
        if (r.equals("*")) return "*";
        if (r.endsWith("DeadLetters.Arn")) return "queue/" + r.substring(0, r.indexOf('.'));
        if (r.startsWith("${Table.Arn}/index/")) return "index/" + r.substring("${Table.Arn}/index/".length());
        // The photo bucket, by its declared name (not !Ref: see the template), one prefix per statement.
        String bucket = "arn:${AWS::Partition}:s3:::bangfu-${Pilot}-photos-${AWS::AccountId}-${AWS::Region}/";
        if (r.startsWith(bucket)) return "photos-bucket/" + r.substring(bucket.length());
        if (r.startsWith("${SnapshotBucket.Arn}/")) return "snapshot-bucket/" + r.substring("${SnapshotBucket.Arn}/".length());
        if (r.equals("SnapshotBucket.Arn")) return "snapshot-bucket";
        throw new AssertionError("unexpected resource " + r + ": policies must name the table or one of its indexes");
    }

    private static void exerciseEveryFunction(Api api) throws Exception {
        exerciseEveryRoute(api);
        SupplyTest.exercise(api);
        OrganisationMembersTest.exercise(api);
        OrganisationHandOverTest.exercise(api);
        exercisePhotos(api);
        exerciseInbox(api);
        SmsNoticesTest.exercise();
        WeChatTest.exercise(api);
        WeChatSignInTest.exercise(api);
        // The scheduled function, run as if a month had passed, so it has overdue claims and expired needs to act on.
        Api.Village v = api.village(Api.JIANGSHU);
        String unclaimed = api.publishedNeed(v, "DAILY_LIVING", 1);
        String claimed = api.publishedNeed(v, "EDUCATION", 1);
        assertEquals(201, api.post("/api/needs/" + claimed + "/claims", api.who(Api.unique("helper"), null, "helper"), null).status());
        Gateway.CURRENT_FUNCTION.set("ClaimHygieneFunction");
        try {
            Points.hygieneAt(java.time.Duration.ofDays(40)).handleRequest(Map.of(), null);
        } finally {
            Gateway.CURRENT_FUNCTION.remove();
        }
        assertEquals(404, api.get("/api/needs/" + unclaimed, null).status(), "an expired need is no longer public");
        long deadline = System.currentTimeMillis() + 20_000;
        for (String streamFunction : List.of("ScoringFunction", "StatsAggregatorFunction")) {
            while (!DynamoCallRecorder.CALLS.containsKey(streamFunction) && System.currentTimeMillis() < deadline) Thread.sleep(100);
        }
        // The report above reaches the area's admins through the people index, once the stream brings it.
        while (!DynamoCallRecorder.CALLS.getOrDefault("NotifyFunction", Set.of()).contains("dynamodb:Query index/people")
                && System.currentTimeMillis() < deadline) Thread.sleep(100);
        // The alliance's lists are rebuilt from the supply index once the stream brings the organisation.
        while (!DynamoCallRecorder.CALLS.getOrDefault("SnapshotFunction", Set.of()).contains("dynamodb:Query index/supply")
                && System.currentTimeMillis() < deadline) Thread.sleep(100);
    }

    /** An inbox with a line in it (written from the stream), marked read; the settings saved. */
    private static void exerciseInbox(Api api) throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who poster = api.who(Api.unique("poster"), Api.DONGMEN, "poster");
        String need = api.post("/api/needs", poster, Api.needBody(Api.DONGMEN, "MEDICAL", 1, Api.newIdNumber())).text("id");
        assertEquals(200, api.post("/api/needs/" + need + "/reviews", v.council(), Json.object().put("decision", "approve")).status());
        assertEquals(200, api.post("/api/needs/" + need + "/reviews", v.volunteer(), Json.object().put("decision", "approve")).status());
        long until = System.currentTimeMillis() + 30_000;
        while (api.get("/api/me/notifications", poster).body().path("unread").asInt() == 0 && System.currentTimeMillis() < until) Thread.sleep(200);
        assertEquals(1, api.post("/api/me/notifications/read", poster, Json.object().put("all", true)).body().path("marked").asInt());
        assertEquals(200, api.post("/api/me/notification-settings", poster, Json.object().put("sms", false)).status());
    }

    /** Upload (and the S3 notification), read, drop, publish, public bytes, delivery photo and consent. */
    private static void exercisePhotos(Api api) throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String need = api.postNeed(v, "MEDICAL", 1);
        var needPhoto = Json.object().put("kind", "need").put("contentType", "image/jpeg");
        String drop = PhotosTest.readyPhoto(api, need, v.poster(), needPhoto);
        String keep = PhotosTest.readyPhoto(api, need, v.poster(), needPhoto);
        assertEquals(200, api.get("/api/needs/" + need + "/photos/all", v.council()).status());
        assertEquals(200, api.delete("/api/needs/" + need + "/photos/" + drop, v.council(), null).status());
        assertEquals(200, api.post("/api/needs/" + need + "/reviews", v.council(), Json.object().put("decision", "approve")).status());
        assertEquals(200, api.post("/api/needs/" + need + "/reviews", v.volunteer(), Json.object().put("decision", "approve")).status());
        assertEquals(200, api.get("/api/needs/" + need + "/photos", null).status());
        assertEquals(200, api.get("/api/photos/" + need + "/" + keep + "/display", null).status());
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String claimId = api.post("/api/needs/" + need + "/claims", helper, null).body().path("claim").path("id").asText();
        String delivery = PhotosTest.readyPhoto(api, need, helper,
                Json.object().put("kind", "delivery").put("contentType", "image/jpeg").put("claimId", claimId));
        assertEquals(200, api.post("/api/needs/" + need + "/photos/" + delivery + "/consent", v.poster(), Json.object().put("shared", true)).status());
    }

    /** Every write is sent twice with one Idempotency-Key (the second is a replay), so its reads are recorded too. */
    static Api.Reply twice(Api api, String method, String path, Api.Who who, Object body) {
        String key = "k-" + Api.unique("t");
        Api.Reply first = api.sendOnce(method, path, who, body, key);
        Api.Reply again = api.sendOnce(method, path, who, body, key);
        assertEquals(first.status(), again.status(), path);
        assertEquals(first.raw(), again.raw(), "a replay answers the same: " + path);
        return first;
    }

    private static void exerciseEveryRoute(Api api) {
        // Identity: sign in by code, refresh, appoint, dismiss, sign up as a helper, leave, sign out.
        String phone = Api.newPhone();
        Api.Session s = api.signIn(phone);
        Api.Reply refreshed = api.post("/api/auth/refresh", null, Json.object().put("refreshToken", s.refreshToken()));
        assertEquals(200, refreshed.status(), refreshed.toString());
        Api.Who county = api.who(Api.unique("county-admin"), Api.DANYANG, "admin");
        Api.Reply appointed = api.post("/api/people", county, Json.object().put("phone", phone).put("name", "新采集员")
                .put("role", "poster").put("area", Api.DONGMEN));
        assertEquals(201, appointed.status(), appointed.toString());
        // Appointing a phone nobody has signed in with makes the person (PutItem of the phone item).
        assertEquals(201, api.post("/api/people", county, Json.object().put("phone", Api.newPhone()).put("name", "未登录过的人")
                .put("role", "poster").put("area", Api.DONGMEN)).status());
        // A wrong code is refused, after looking whether the phone is locked (GetItem of its code item).
        assertEquals(401, api.post("/api/auth/token", null, Json.object().put("phone", phone).put("code", "000000")).status());
        assertEquals(200, api.get("/api/people?area=" + Api.DONGMEN, county).status());
        assertEquals(200, api.delete("/api/people/" + s.personId() + "/roles/poster", county, null).status());
        Api.Who self = Api.session(refreshed).who();
        assertEquals(200, api.post("/api/me/helper", self, Json.object().put("name", "热心人")).status());
        assertEquals(200, api.delete("/api/me/helper", self, null).status());
        // An area admin takes a helper off: their open claim is released (the need read and written), a retry reads the mark.
        Api.Session abusive = api.signIn(Api.newPhone());
        assertEquals(200, api.post("/api/me/helper", abusive.who(), Json.object().put("name", "老周")).status());
        Api.Who abusiveHelper = Api.session(api.post("/api/auth/refresh", null, Json.object().put("refreshToken", abusive.refreshToken()))).who();
        String taken = api.publishedNeed(api.village(Api.DONGMEN), "DISABILITY", 1);
        assertEquals(201, api.post("/api/needs/" + taken + "/claims", abusiveHelper, null).status());
        Api.Reply removed = api.delete("/api/people/" + abusive.personId() + "/roles/helper", county, null);
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(200, api.delete("/api/people/" + abusive.personId() + "/roles/helper", county, null).status());
        assertEquals(204, api.post("/api/auth/logout", null, Json.object().put("refreshToken", Api.session(refreshed).refreshToken())).status());

        Api.Village v = api.village(Api.DONGMEN);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        // rejection path (DeleteItem of the household lock)
        var rejectedBody = Api.needBody(v.area(), "MEDICAL", 1, Api.newIdNumber());
        String rejected = twice(api, "POST", "/api/needs", v.poster(), rejectedBody).text("id");
        assertEquals(200, twice(api, "POST", "/api/needs/" + rejected + "/reviews", v.council(),
                Json.object().put("decision", "reject").put("reason", "信息不实")).status());
        // the poster reads it, resubmits it (lock taken again, reviews cleared) and withdraws it (lock released)
        assertEquals(200, api.get("/api/me/needs/" + rejected, v.poster()).status());
        assertEquals(200, twice(api, "PUT", "/api/needs/" + rejected, v.poster(), rejectedBody.put("quantity", 2)).status());
        assertEquals(200, twice(api, "DELETE", "/api/needs/" + rejected, v.poster(), null).status());
        // queue with items
        String pending = api.postNeed(v, "EDUCATION", 1);
        assertEquals(200, api.get("/api/review-queue", v.council()).status());
        assertEquals(200, api.get("/api/review-queue", v.admin()).status());
        assertEquals(200, twice(api, "POST", "/api/needs/" + pending + "/reviews", v.council(), Json.object().put("decision", "approve")).status());
        assertEquals(200, api.post("/api/needs/" + pending + "/reviews", v.volunteer(), Json.object().put("decision", "approve")).status());
        assertEquals(200, api.get("/api/needs?category=EDUCATION&area=" + Api.DONGMEN, null).status());
        assertEquals(200, api.get("/api/needs", null).status());
        assertEquals(200, api.get("/api/needs/" + pending, null).status());
        // The function's own card (its photo query), not the snapshot the stream may have written already.
        TestPlatform.platform.serveSnapshots(false);
        try {
            assertEquals(200, api.get("/share/" + pending, null).status());
        } finally {
            TestPlatform.platform.serveSnapshots(true);
        }
        assertEquals(404, api.get("/share/" + rejected, null).status());
        // claim, release, claim again, deliver, confirm (fulfils: DeleteItem of the lock)
        Api.Reply c1 = twice(api, "POST", "/api/needs/" + pending + "/claims", helper, null);
        assertEquals(201, c1.status(), c1.toString());
        assertEquals(200, twice(api, "DELETE", "/api/needs/" + pending + "/claims/" + c1.body().path("claim").path("id").asText(), v.admin(), null).status());
        Api.Reply c2 = api.post("/api/needs/" + pending + "/claims", helper, null);
        String claimPath = "/api/needs/" + pending + "/claims/" + c2.body().path("claim").path("id").asText();
        assertEquals(200, api.get("/api/me", helper).status());
        assertEquals(200, api.get("/api/me", v.poster()).status());
        assertEquals(200, twice(api, "POST", claimPath + "/delivered", helper, Json.object().put("note", "已送达")).status());
        // the poster sees the delivered claim waiting for confirmation (Query of the need's claims)
        assertEquals(1, api.get("/api/me", v.poster()).body().path("posted").findValues("awaitingConfirmation").size());
        // and so does the area's admin (Query of the confirm queue, BatchGet of the needs and households)
        Api.Reply queue = api.get("/api/confirm-queue", v.admin());
        assertEquals(200, queue.status(), queue.toString());
        assertTrue(queue.raw().contains(c2.body().path("claim").path("id").asText()), queue.toString());
        assertEquals(200, twice(api, "POST", claimPath + "/confirm", v.admin(), null).status());
        assertEquals(200, api.get("/api/stats", null).status());
        assertEquals(200, api.get("/api/stats?area=" + Api.YUNYANG + "&limit=1", null).status());
        assertEquals(200, api.get("/api/leaderboard?area=" + Api.DONGMEN, null).status());
        assertEquals(200, api.get("/api/exports/civic-points", v.admin()).status());
        assertEquals(200, api.get("/api/audit", v.admin()).status());
        // a public report lands in the queue; the reviewer withdraws the need (lock released: DeleteItem)
        String reported = api.publishedNeed(v, "DAILY_LIVING", 1);
        assertEquals(202, api.post("/api/needs/" + reported + "/reports", null, Json.object().put("reason", "该户已获得同类帮助")).status());
        assertTrue(api.get("/api/review-queue", v.council()).raw().contains(reported));
        assertEquals(200, twice(api, "POST", "/api/needs/" + reported + "/reports/resolve", v.council(),
                Json.object().put("action", "withdraw").put("note", "核实属实，撤下")).status());
    }
}
