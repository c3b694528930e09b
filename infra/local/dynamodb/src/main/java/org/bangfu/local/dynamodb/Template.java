package org.bangfu.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * template.yaml, read as plain data. CloudFormation's short tags (!Ref, !GetAtt, !Sub) come through
 * as their scalar or sequence values, which is all the local runner needs.
 */
public final class Template {
    private final JsonNode root;
    private final Path path;

    private Template(JsonNode root, Path path) {
        this.root = root;
        this.path = path;
    }

    public static Template load(Path path) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path));
            if (root.path("Resources") instanceof ObjectNode resources) ((ObjectNode) root).set("Resources", expandForEach(resources));
            return new Template(root, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The AWS::LanguageExtensions loops ({@code Fn::ForEach::Name: [Identifier, [values], {key: fragment}]})
     * expanded as CloudFormation does: one copy of the fragment per value, with {@code ${Identifier}}
     * replaced in keys and strings; a {@code {Ref: name}} so made reads like {@code !Ref name} does here.
     */
    static ObjectNode expandForEach(ObjectNode section) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        section.properties().forEach(e -> {
            if (!e.getKey().startsWith("Fn::ForEach::")) {
                out.set(e.getKey(), e.getValue());
                return;
            }
            String id = e.getValue().path(0).asText();
            for (JsonNode value : e.getValue().path(1)) {
                e.getValue().path(2).properties().forEach(f -> out.set(substitute(f.getKey(), id, value.asText()),
                        substitute(f.getValue(), id, value.asText())));
            }
        });
        return out;
    }

    private static String substitute(String text, String id, String value) {
        return text.replace("${" + id + "}", value).replace("&{" + id + "}", value);
    }

    private static JsonNode substitute(JsonNode node, String id, String value) {
        if (node.isTextual()) return JsonNodeFactory.instance.textNode(substitute(node.asText(), id, value));
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(substitute(n, id, value)));
            return out;
        }
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Ref") && node.get("Ref").isTextual()) return substitute(node.get("Ref"), id, value);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(f -> out.set(substitute(f.getKey(), id, value), substitute(f.getValue(), id, value)));
            return out;
        }
        return node;
    }

    /** The project's template.yaml, found from the working directory upwards. */
    public static Template ofProject() {
        return load(projectRoot().resolve("template.yaml"));
    }

    public static Path projectRoot() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null) {
            if (Files.exists(at.resolve("template.yaml")) && Files.isDirectory(at.resolve("functions"))) return at;
            at = at.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public JsonNode root() {
        return root;
    }

    public Path path() {
        return path;
    }

    public JsonNode resources() {
        return root.path("Resources");
    }

    /** Resources of one type, by logical id, in template order. */
    public List<Map.Entry<String, JsonNode>> resourcesOfType(String type) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = resources().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (type.equals(e.getValue().path("Type").asText())) out.add(e);
        }
        return out;
    }

    /** The one DynamoDB table, as a CreateTableRequest under the given name. */
    public CreateTableRequest tableRequest(String tableName) {
        List<Map.Entry<String, JsonNode>> tables = resourcesOfType("AWS::DynamoDB::Table");
        if (tables.size() != 1) throw new IllegalStateException("expected one AWS::DynamoDB::Table, found " + tables.size());
        JsonNode p = tables.get(0).getValue().path("Properties");
        List<AttributeDefinition> attributes = new ArrayList<>();
        p.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText()).build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        p.path("GlobalSecondaryIndexes").forEach(g -> {
            JsonNode proj = g.path("Projection");
            Projection.Builder projection = Projection.builder().projectionType(proj.path("ProjectionType").asText());
            if (proj.has("NonKeyAttributes")) {
                List<String> names = new ArrayList<>();
                proj.path("NonKeyAttributes").forEach(n -> names.add(n.asText()));
                projection.nonKeyAttributes(names);
            }
            indexes.add(GlobalSecondaryIndex.builder().indexName(g.path("IndexName").asText())
                    .keySchema(keySchema(g.path("KeySchema"))).projection(projection.build()).build());
        });
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(tableName)
                .attributeDefinitions(attributes).keySchema(keySchema(p.path("KeySchema")))
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!indexes.isEmpty()) b.globalSecondaryIndexes(indexes);
        if (p.has("StreamSpecification")) {
            b.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(p.path("StreamSpecification").path("StreamViewType").asText()).build());
        }
        return b.build();
    }

    private static List<KeySchemaElement> keySchema(JsonNode node) {
        List<KeySchemaElement> out = new ArrayList<>();
        node.forEach(k -> out.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build()));
        return out;
    }
}
