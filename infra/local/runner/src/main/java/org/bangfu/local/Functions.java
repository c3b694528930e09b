package org.bangfu.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bangfu.local.dynamodb.Template;

/** The functions of template.yaml, made the way Lambda makes them: the handler class's no-arg constructor. */
final class Functions {
    private Functions() {
    }

    @SuppressWarnings("unchecked")
    static <T> T create(String handlerSpec) {
        String className = handlerSpec.contains("::") ? handlerSpec.substring(0, handlerSpec.indexOf("::")) : handlerSpec;
        try {
            return (T) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + handlerSpec, e);
        }
    }

    /** A function and one of its events of the given type (DynamoDB, Schedule, …). */
    record Triggered(String functionId, String handler, JsonNode eventProperties) {
    }

    static List<Triggered> withEvent(Template template, String eventType) {
        List<Triggered> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> fn : template.resourcesOfType("AWS::Serverless::Function")) {
            JsonNode props = fn.getValue().path("Properties");
            props.path("Events").forEach(e -> {
                if (eventType.equals(e.path("Type").asText())) {
                    out.add(new Triggered(fn.getKey(), props.path("Handler").asText(), e.path("Properties")));
                }
            });
        }
        return out;
    }
}
