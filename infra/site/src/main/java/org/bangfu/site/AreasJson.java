package org.bangfu.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;

/**
 * Writes the pilot's area tree (the same areas.tsv the functions validate against) as the static
 * file the site's province → village pickers read: {"areas":[{"code","name","children":[…]}]}.
 * Static rather than an API route: it changes only with a deployment, so it costs no Lambda call
 * and caches on the CDN like any other file.
 */
public final class AreasJson {
    private AreasJson() {
    }

    public static String render(AreaRegistry registry) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        addChildren(root.putArray("areas"), registry, null);
        try {
            return new ObjectMapper().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addChildren(ArrayNode into, AreaRegistry registry, AreaCode parent) {
        for (AreaCode child : registry.children(parent)) {
            ObjectNode o = into.addObject();
            o.put("code", child.code());
            o.put("name", registry.name(child).orElseThrow());
            if (!child.isVillage()) addChildren(o.putArray("children"), registry, child);
        }
    }

    /** args[0]: where to write. Leaves the file alone when it is already current. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: AreasJson <output.json> (got " + Arrays.toString(args) + ")");
        Path out = Path.of(args[0]);
        byte[] json = render(AreaRegistry.bundled()).getBytes(StandardCharsets.UTF_8);
        if (Files.exists(out) && Arrays.equals(Files.readAllBytes(out), json)) return;
        Files.createDirectories(out.getParent());
        Files.write(out, json);
    }
}
