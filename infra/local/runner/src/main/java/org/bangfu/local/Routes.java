package org.bangfu.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.local.dynamodb.Template;

/** The routes template.yaml declares, matched the way HTTP API does: the most specific route wins. */
public final class Routes {
    private final List<Route> routes;

    public Routes(List<Route> routes) {
        this.routes = routes.stream().sorted(Comparator.comparingInt(Route::literalSegments).reversed()).toList();
    }

    public static Routes from(Template template) {
        boolean defaultAuth = template.resourcesOfType("AWS::Serverless::HttpApi").stream()
                .anyMatch(api -> api.getValue().path("Properties").path("Auth").has("DefaultAuthorizer"));
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> fn : template.resourcesOfType("AWS::Serverless::Function")) {
            JsonNode props = fn.getValue().path("Properties");
            Iterator<Map.Entry<String, JsonNode>> events = props.path("Events").fields();
            while (events.hasNext()) {
                JsonNode event = events.next().getValue();
                if (!"HttpApi".equals(event.path("Type").asText())) continue;
                JsonNode p = event.path("Properties");
                String authorizer = p.path("Auth").path("Authorizer").asText("");
                boolean auth = authorizer.isEmpty() ? defaultAuth : !"NONE".equals(authorizer);
                routes.add(Route.of(p.path("Method").asText(), p.path("Path").asText(), fn.getKey(),
                        props.path("Handler").asText(), auth));
            }
        }
        return new Routes(routes);
    }

    public List<Route> all() {
        return routes;
    }

    public record Match(Route route, Map<String, String> pathParameters) {
    }

    public Optional<Match> match(String method, String path) {
        for (Route r : routes) {
            Optional<Map<String, String>> m = r.match(method, path);
            if (m.isPresent()) return Optional.of(new Match(r, m.get()));
        }
        return Optional.empty();
    }
}
