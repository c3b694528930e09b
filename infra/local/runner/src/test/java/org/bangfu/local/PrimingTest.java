package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.local.dynamodb.Template;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming: every function of template.yaml is a CRaC resource whose beforeCheckpoint runs
 * its typical requests successfully on the canned table, and never touches the real one.
 */
class PrimingTest {
    @Test
    void everyFunctionPrimesItsWholeRequestPathWithoutTouchingTheTable() throws Exception {
        TestPlatform.api(); // the environment Services.live() reads
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> fn : Template.ofProject().resourcesOfType("AWS::Serverless::Function")) {
            Object handler = Functions.create(fn.getValue().path("Properties").path("Handler").asText());
            assertInstanceOf(Resource.class, handler, fn.getKey() + " registers a priming hook for SnapStart");
            if (handler instanceof HttpHandler http) {
                Priming.Primed primed = Priming.prime(http);
                assertFalse(primed.statuses().isEmpty(), fn.getKey() + " has priming requests");
                for (int status : primed.statuses()) {
                    assertTrue(status >= 200 && status < 300, fn.getKey() + ": a priming request must take the success path, got " + primed.statuses());
                }
                Services live = Services.live();
                for (String id : new String[] {primed.world().pending.id(), primed.world().published.id(), primed.world().claimed.id()}) {
                    assertTrue(live.needs().need(id).isEmpty(), fn.getKey() + ": priming wrote to the real table");
                }
            } else {
                ((Resource) handler).beforeCheckpoint(null);
            }
            assertFalse(Priming.active(), "priming is over");
        }
    }
}
