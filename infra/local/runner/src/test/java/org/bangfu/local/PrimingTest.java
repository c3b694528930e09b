package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bangfu.local.dynamodb.Template;
import org.bangfu.store.Dynamo;
import org.crac.Resource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: every function of template.yaml is a CRaC resource whose beforeCheckpoint runs
 * its typical requests to a success on the canned table (a request that fails, or a stream record
 * that fails or counts nothing, fails the checkpoint), and leaves the real table exactly as it was.
 */
class PrimingTest {
    @Test
    void everyFunctionPrimesItsWholeRequestPathWithoutTouchingTheTable() throws Exception {
        TestPlatform.api(); // the environment Services.live() reads
        StreamRecords.awaitQuiet(); // earlier tests' stream records are counted before the "before" picture
        List<String> before = table();
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> fn : Template.ofProject().resourcesOfType("AWS::Serverless::Function")) {
            Object handler = Functions.create(fn.getValue().path("Properties").path("Handler").asText());
            Resource resource = assertInstanceOf(Resource.class, handler, fn.getKey() + " registers a priming hook for SnapStart");
            resource.beforeCheckpoint(null); // throws Priming.Failed if a request or record did not succeed
        }
        StreamRecords.awaitQuiet();
        assertEquals(before, table(), "priming changed the real table");
    }

    /** Every item of the platform's table, in a stable order and form. */
    private static List<String> table() {
        List<String> out = new ArrayList<>();
        Dynamo.client().scanPaginator(r -> r.tableName(LocalPlatform.TABLE).consistentRead(true)).items()
                .forEach(i -> out.add(new java.util.TreeMap<String, AttributeValue>(i).toString()));
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
