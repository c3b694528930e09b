package org.bangfu.site;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AreasJsonTest {
    @Test
    void everyAreaOfTheRegistryAppearsOnceUnderItsParent() throws Exception {
        AreaRegistry registry = AreaRegistry.bundled();
        JsonNode root = new ObjectMapper().readTree(AreasJson.render(registry));
        Map<String, String> seen = new HashMap<>();
        walk(root.path("areas"), null, seen);
        assertEquals(registry.all(), seen);
    }

    private static void walk(JsonNode list, String parent, Map<String, String> seen) {
        for (JsonNode a : list) {
            String code = a.path("code").asText();
            assertNull(seen.put(code, a.path("name").asText()), "twice: " + code);
            AreaCode c = new AreaCode(code);
            assertEquals(parent, c.parent().map(AreaCode::code).orElse(null), code + " under the wrong parent");
            assertEquals(c.isVillage(), !a.has("children"), "villages are leaves: " + code);
            if (a.has("children")) walk(a.path("children"), code, seen);
        }
    }

    @Test
    void theBuildWroteTheCurrentTreeIntoTheSite() throws Exception {
        Path site = Path.of(System.getProperty("user.dir")).resolve("../../frontend/data/areas.json").normalize();
        assertEquals(AreasJson.render(AreaRegistry.bundled()), Files.readString(site, StandardCharsets.UTF_8),
                "frontend/data/areas.json is written by this module's process-classes step");
    }

    @Test
    void mainWritesAndLeavesACurrentFileUntouched(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("data/areas.json");
        AreasJson.main(new String[] {out.toString()});
        long modified = Files.getLastModifiedTime(out).toMillis();
        Thread.sleep(20);
        AreasJson.main(new String[] {out.toString()});
        assertEquals(modified, Files.getLastModifiedTime(out).toMillis());
    }
}
