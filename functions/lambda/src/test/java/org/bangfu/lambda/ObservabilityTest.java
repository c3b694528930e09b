package org.bangfu.lambda;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.core.DomainException;
import org.junit.jupiter.api.Test;

/** Every request leaves one JSON line with its request id, and metrics in CloudWatch's embedded metric format. */
class ObservabilityTest {
    /** A handler that claims, or conflicts, or breaks, as told by the path. */
    static final class Fake extends HttpHandler {
        Fake() {
            super(null);
        }

        @Override
        protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
            switch (request.event().getRawPath()) {
                case "/ok" -> {
                    Metrics.current().count("Claims");
                    Log.info("claimed").with("needId", "n123").write();
                    return Responses.json(201, Json.object());
                }
                case "/conflict" -> throw new DomainException.Conflict("已被认领", null);
                default -> throw new IllegalStateException("a bug, with \"quotes\"\nand a newline");
            }
        }

        @Override
        protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World world) {
            return List.of();
        }

        @Override
        protected String conflictMetric() {
            return "ClaimConflicts";
        }
    }

    private static List<JsonNode> run(String path) throws Exception {
        APIGatewayV2HTTPEvent e = Priming.request("POST", "POST " + path, path, null, null, null, null);
        e.getRequestContext().setRequestId("req-" + path.substring(1));
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            new Fake().handleRequest(e, null);
        } finally {
            System.setOut(out);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) lines.add(Json.parse(line));
        }
        return lines;
    }

    @Test
    void everyLineIsJsonWithTheRequestIdAndTheRequestLineCarriesEmfMetrics() throws Exception {
        List<JsonNode> lines = run("/ok");
        assertEquals(2, lines.size(), lines.toString());
        for (JsonNode l : lines) {
            assertEquals("req-ok", l.get("requestId").textValue());
            assertNotNull(l.get("time"));
            assertNotNull(l.get("function"));
        }
        assertEquals("claimed", lines.get(0).get("message").textValue());
        JsonNode request = lines.get(1);
        assertEquals(201, request.get("status").intValue());
        JsonNode emf = request.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(Metrics.NAMESPACE, emf.get("Namespace").textValue());
        assertEquals("Pilot", emf.get("Dimensions").get(0).get(0).textValue());
        assertTrue(request.get("_aws").get("Timestamp").isNumber());
        List<String> names = new ArrayList<>();
        emf.get("Metrics").forEach(m -> names.add(m.get("Name").textValue()));
        assertEquals(List.of("Claims", "Latency"), names);
        assertEquals(1, request.get("Claims").intValue());
        assertTrue(request.get("Latency").isNumber());
        assertTrue(request.get("Pilot").isTextual(), "every metric's dimension value is on the line");
    }

    @Test
    void aConflictCountsAsTheHandlersConflictMetric() throws Exception {
        JsonNode line = run("/conflict").get(0);
        assertEquals(409, line.get("status").intValue());
        assertEquals(1, line.get("ClaimConflicts").intValue());
        assertNull(line.get("Claims"));
    }

    @Test
    void aBugIsOneErrorLineWithTheProblemEscaped() throws Exception {
        List<JsonNode> lines = run("/bug");
        assertEquals(1, lines.size());
        assertEquals("ERROR", lines.get(0).get("level").textValue());
        assertEquals(500, lines.get(0).get("status").intValue());
        assertTrue(lines.get(0).get("problem").textValue().contains("\"quotes\"\nand a newline"));
    }
}
