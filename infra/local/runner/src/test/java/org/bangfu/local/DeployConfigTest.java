package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bangfu.local.dynamodb.Template;
import org.junit.jupiter.api.Test;

/** Each pilot's samconfig.toml deploys template.yaml as written: every required parameter, valid values, its own region. */
class DeployConfigTest {
    private static final Pattern SETTING = Pattern.compile("(?m)^\\s*([a-z_]+)\\s*=\\s*\"([^\"]*)\"\\s*$");
    private final JsonNode parameters = Template.ofProject().root().path("Parameters");

    @Test
    void everyPilotNamesEveryParameterTheTemplateRequiresWithAValidValue() throws Exception {
        Set<String> required = new TreeSet<>();
        parameters.properties().forEach(p -> {
            if (!p.getValue().has("Default")) required.add(p.getKey());
        });
        assertTrue(required.contains("SiteUrl"), "SiteUrl has no default: " + required);
        for (Path pilot : pilots()) {
            Map<String, String> settings = settings(pilot.resolve("samconfig.toml"));
            Map<String, String> overrides = overrides(settings.getOrDefault("parameter_overrides", ""));
            for (String name : required) {
                assertFalse(overrides.getOrDefault(name, "").isBlank(), pilot.getFileName() + " sets " + name);
            }
            overrides.forEach((name, value) -> {
                JsonNode p = parameters.path(name);
                assertFalse(p.isMissingNode(), pilot.getFileName() + ": " + name + " is a parameter of template.yaml");
                if (p.has("AllowedPattern") && !value.isEmpty()) {
                    assertTrue(value.matches(p.get("AllowedPattern").asText()), pilot.getFileName() + ": " + name + "=" + value
                            + " matches " + p.get("AllowedPattern").asText());
                }
                if (p.has("AllowedValues")) {
                    List<String> allowed = p.get("AllowedValues").valueStream().map(JsonNode::asText).toList();
                    assertTrue(allowed.contains(value), pilot.getFileName() + ": " + name + "=" + value + " in " + allowed);
                }
            });
            assertEquals(pilot.getFileName().toString(), overrides.get("Pilot"), pilot + ": Pilot= is the folder's name");
            Properties props = pilotProperties(pilot);
            assertEquals(props.getProperty("region"), settings.get("region"), pilot + ": samconfig region = pilot.properties region");
            assertEquals(props.getProperty("stack"), settings.get("stack_name"), pilot + ": stack name");
        }
    }

    /**
     * The SMS account is the pilot's own and secret, so samconfig.toml cannot hold it: the template's Rules
     * refuse a tencent/aliyun stack without it (it would deploy, then answer 503 to every sign-in code),
     * and the README's deploy lines tell ops to add exactly what the Rules will ask of each pilot.
     */
    @Test
    void whatAPilotsSmsProviderNeedsIsRequiredByTheTemplateAndNamedInTheDeployLines() throws Exception {
        JsonNode rules = Template.ofProject().root().path("Rules");
        String readme = Files.readString(Template.projectRoot().resolve("README.md"));
        Matcher line = Pattern.compile("(?m)^PARAMS=\"\\$PARAMS (Sms[^\"]*)\"").matcher(readme);
        assertTrue(line.find(), "README's deploy lines add the SMS account to PARAMS");
        Map<String, String> told = overrides(line.group(1));
        int checked = 0;
        for (Path pilot : pilots()) {
            Map<String, String> overrides = overrides(settings(pilot.resolve("samconfig.toml")).getOrDefault("parameter_overrides", ""));
            String provider = overrides.getOrDefault("SmsProvider", parameters.path("SmsProvider").path("Default").asText());
            Set<String> asked = new TreeSet<>();
            for (JsonNode rule : rules) {
                // As this reader sees them: RuleCondition [Param, value] (!Equals [!Ref Param, value]), each Assert [[Param, '']] (!Not [!Equals …]).
                JsonNode when = rule.path("RuleCondition");
                assertEquals(2, when.size(), "rule condition shape: " + when);
                if (!when.get(1).asText().equals(overrides.getOrDefault(when.get(0).asText(), parameters.path(when.get(0).asText()).path("Default").asText()))) continue;
                for (JsonNode a : rule.path("Assertions")) {
                    JsonNode equals = a.path("Assert").path(0);
                    assertEquals("", equals.path(1).asText(), "assertions say a parameter is not empty: " + a);
                    asked.add(equals.path(0).asText());
                }
            }
            if (provider.equals("sns")) {
                assertTrue(asked.isEmpty(), pilot.getFileName() + ": SNS needs no account parameters: " + asked);
                continue;
            }
            assertTrue(asked.containsAll(List.of("SmsTemplateIds", "SmsAccessKeyId", "SmsAccessKeySecret")), pilot.getFileName() + " " + asked);
            if (provider.equals("tencent")) assertTrue(asked.contains("SmsAppId"), pilot.getFileName() + " " + asked);
            for (String name : asked) {
                if (!overrides.getOrDefault(name, "").isEmpty()) continue;
                assertTrue(told.getOrDefault(name, "").startsWith("<"), pilot.getFileName() + ": the README tells ops to add " + name + " (" + told + ")");
                checked++;
            }
        }
        assertTrue(checked > 0, "a China pilot needs its SMS account added at deploy time");
    }

    @Test
    void thereIsAPilotInEachPartition() throws Exception {
        Set<String> partitions = new TreeSet<>();
        for (Path pilot : pilots()) partitions.add(pilotProperties(pilot).getProperty("region").startsWith("cn-") ? "aws-cn" : "aws");
        assertEquals(Set.of("aws", "aws-cn"), partitions);
    }

    static List<Path> pilots() throws Exception {
        try (Stream<Path> dirs = Files.list(Template.projectRoot().resolve("infra/pilots"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    static Properties pilotProperties(Path pilot) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(pilot.resolve("pilot.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** The key = "value" lines of samconfig.toml's [default.deploy.parameters] (all this project writes there). */
    static Map<String, String> settings(Path samconfig) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SETTING.matcher(Files.readString(samconfig));
        while (m.find()) out.put(m.group(1), m.group(2));
        return out;
    }

    /** sam's parameter_overrides: space-separated Name=Value (values here have no spaces). */
    static Map<String, String> overrides(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : line.trim().split("\\s+")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            assertTrue(eq > 0, "Name=Value: " + pair);
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }
}
