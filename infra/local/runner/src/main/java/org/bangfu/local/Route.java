package org.bangfu.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HttpApi event of one function in template.yaml: "GET /api/needs/{id}" → handler class. */
public record Route(String method, String path, String functionId, String handler, boolean requiresAuth,
                    Pattern pattern, List<String> params, int literalSegments) {

    public static Route of(String method, String path, String functionId, String handler, boolean requiresAuth) {
        List<String> params = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) continue;
            regex.append('/');
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                params.add(segment.substring(1, segment.length() - 2));
                regex.append("(.+)");
            } else if (segment.startsWith("{") && segment.endsWith("}")) {
                params.add(segment.substring(1, segment.length() - 1));
                regex.append("([^/]+)");
            } else {
                literals++;
                regex.append(Pattern.quote(segment));
            }
        }
        return new Route(method.toUpperCase(), path, functionId, handler, requiresAuth,
                Pattern.compile(regex.length() == 0 ? "/" : regex.toString()), List.copyOf(params), literals);
    }

    public String routeKey() {
        return method + " " + path;
    }

    public String handlerClass() {
        int i = handler.indexOf("::");
        return i < 0 ? handler : handler.substring(0, i);
    }

    /** Path parameters when this route serves {@code rawPath}. Values are URL-decoded, as API Gateway does. */
    public Optional<Map<String, String>> match(String method, String rawPath) {
        if (!this.method.equals(method) && !this.method.equals("ANY")) return Optional.empty();
        Matcher m = pattern.matcher(rawPath);
        if (!m.matches()) return Optional.empty();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < params.size(); i++) {
            values.put(params.get(i), java.net.URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(values);
    }
}
