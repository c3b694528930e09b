package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bangfu.local.dynamodb.Template;
import org.junit.jupiter.api.Test;

/** The ops side of the templates: alarms on every function and on the API, and the static hosting stack's routing. */
class OpsTemplateTest {
    private final Template template = Template.ofProject();

    @Test
    void everyFunctionHasAnAlarmOnItsErrorsAndThrottlesAndTheApiOnIts5xx() {
        Set<String> functions = new TreeSet<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach(f -> functions.add(f.getKey()));
        Set<String> watchedErrors = new TreeSet<>();
        Set<String> watchedThrottles = new TreeSet<>();
        boolean api5xx = false;
        for (Map.Entry<String, JsonNode> alarm : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode p = alarm.getValue().path("Properties");
            assertEquals("AlarmTopic", p.path("AlarmActions").path(0).asText(), alarm.getKey() + " notifies the alarm topic");
            List<JsonNode> metrics = new ArrayList<>();
            if (p.has("Metrics")) p.path("Metrics").forEach(m -> metrics.add(m.path("MetricStat").path("Metric")));
            else metrics.add(p);
            for (JsonNode m : metrics) {
                String fn = m.path("Dimensions").path(0).path("Value").asText();
                if (m.path("Namespace").asText().equals("AWS/Lambda") && m.path("MetricName").asText().equals("Errors")) watchedErrors.add(fn);
                if (m.path("Namespace").asText().equals("AWS/Lambda") && m.path("MetricName").asText().equals("Throttles")) watchedThrottles.add(fn);
                if (m.path("Namespace").asText().equals("AWS/ApiGateway") && m.path("MetricName").asText().equals("5xx")
                        && fn.equals("Api")) api5xx = true;
            }
        }
        assertEquals(functions, watchedErrors, "an alarm on every function's Errors");
        assertEquals(functions, watchedThrottles, "an alarm on every function's Throttles");
        assertTrue(api5xx, "an alarm on the HTTP API's 5xx");
        assertEquals("Pilot", template.root().path("Globals").path("Function").path("Environment").path("Variables").path("PILOT").asText(),
                "functions know their pilot (the dimension of their metrics)");
    }

    @Test
    void everyDeadLetterQueueHasAnAlarm() {
        Set<String> queues = new TreeSet<>();
        template.resourcesOfType("AWS::SQS::Queue").forEach(q -> queues.add(q.getKey()));
        Set<String> watched = new TreeSet<>();
        for (Map.Entry<String, JsonNode> alarm : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode p = alarm.getValue().path("Properties");
            if (!p.path("Namespace").asText().equals("AWS/SQS")) continue;
            JsonNode queue = p.path("Dimensions").path(0).path("Value"); // !GetAtt [Queue, QueueName] or !GetAtt Queue.QueueName
            watched.add(queue.isArray() ? queue.path(0).asText() : queue.asText().replace(".QueueName", ""));
        }
        assertFalse(queues.isEmpty());
        assertEquals(queues, watched, "an alarm on every dead-letter queue's messages");
    }

    @Test
    void theHostingStackServesTheSitePrivatelyAndSendsApiAndShareToTheApiOnTheSameOrigin() {
        Template hosting = Template.load(Template.projectRoot().resolve("infra/hosting/template.yaml"));
        JsonNode bucket = hosting.resourcesOfType("AWS::S3::Bucket").get(0).getValue().path("Properties");
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        for (String k : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertTrue(block.path(k).asBoolean(), "bucket: " + k);
        }
        JsonNode dist = hosting.resourcesOfType("AWS::CloudFront::Distribution").get(0).getValue().path("Properties").path("DistributionConfig");
        assertEquals("site", dist.path("DefaultCacheBehavior").path("TargetOriginId").asText());
        Set<String> routedToApi = new TreeSet<>();
        java.util.Map<String, List<String>> targets = new java.util.TreeMap<>();
        for (JsonNode b : dist.path("CacheBehaviors")) {
            // A conditional behaviour (!If [condition, behaviour, NoValue], read as a plain list here, e.g.
            // /snapshots/* only with a snapshot bucket): its real branch.
            JsonNode behaviour = b.isArray() ? b.path(1) : b;
            JsonNode target = behaviour.path("TargetOriginId");
            List<String> ids = new java.util.ArrayList<>();
            if (target.isArray()) {
                ids.add(target.path(1).asText());
                ids.add(target.path(2).asText());
            } else {
                ids.add(target.asText());
            }
            targets.put(behaviour.path("PathPattern").asText(), ids);
            if (ids.get(ids.size() - 1).equals("api")) routedToApi.add(behaviour.path("PathPattern").asText());
        }
        // Snapshots come from their bucket; a share card from the snapshot-then-function group, or (China,
        // no origin groups; or no snapshots) from the function.
        assertEquals(List.of("snapshots"), targets.get("/snapshots/*"), targets.toString());
        assertEquals(List.of("share", "api"), targets.get("/share/*"), targets.toString());
        assertTrue(routedToApi.containsAll(Set.of("/api/*", "/share/*")), routedToApi.toString());
        // The token issuer's metadata and keys live on the site's origin too (iss = the site).
        assertTrue(routedToApi.contains("/.well-known/*"), routedToApi.toString());
        assertTrue(routedToApi.stream().allMatch(p -> p.startsWith("/api/") || p.startsWith("/share/") || p.equals("/.well-known/*")),
                routedToApi.toString());
        JsonNode api = null;
        for (JsonNode o : dist.path("Origins")) if (o.path("Id").asText().equals("api")) api = o;
        assertNotNull(api);
        assertEquals("https-only", api.path("CustomOriginConfig").path("OriginProtocolPolicy").asText());
        // Cache keys, firewall and headers: EdgeTest.
    }
}
