package org.bangfu.core;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every regional pilot under infra/pilots/ (built in with mvn -Dpilot=NAME) has an area tree and
 * points rules the code can use: the tree parses, every area's parent is in it, it covers the
 * pilot's county and has villages to post needs in; the rules parse with every key present.
 */
class PilotConfigTest {
    private static final Path PILOTS = Path.of("../../infra/pilots");

    static List<Path> pilots() throws Exception {
        try (Stream<Path> dirs = Files.list(PILOTS)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void theTwoDemoPilotsExist() throws Exception {
        List<String> names = pilots().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("danyang", "yanling")), names.toString());
    }

    @Test
    void everyPilotsAreaTreeIsWholeAndCoversItsCounty() throws Exception {
        for (Path pilot : pilots()) {
            AreaRegistry areas;
            try (InputStream in = Files.newInputStream(pilot.resolve("areas.tsv"))) {
                areas = AreaRegistry.read(in);
            }
            Properties p = properties(pilot.resolve("pilot.properties"));
            for (String key : List.of("id", "name", "nameEn", "area", "region", "stack")) {
                assertFalse(p.getProperty(key, "").isBlank(), pilot + "/pilot.properties needs " + key);
            }
            assertEquals(pilot.getFileName().toString(), p.getProperty("id"));
            AreaCode county = new AreaCode(p.getProperty("area"));
            assertTrue(areas.exists(county), pilot + ": its area " + county + " is in its tree");
            long villages = 0;
            for (Map.Entry<String, String> e : areas.all().entrySet()) {
                AreaCode a = new AreaCode(e.getKey());
                assertFalse(e.getValue().isBlank(), pilot + ": " + a + " has a name");
                a.parent().ifPresent(parent -> assertTrue(areas.exists(parent), pilot + ": parent of " + a + " missing"));
                if (a.isVillage()) {
                    villages++;
                    assertTrue(county.contains(a), pilot + ": village " + a + " outside the pilot's area");
                }
            }
            assertTrue(villages > 0, pilot + " has villages");
        }
    }

    @Test
    void everyPilotsPointsRulesHaveEveryKey() throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = PointsRules.class.getResourceAsStream("/org/bangfu/core/points-rules.properties")) {
            defaults.load(in);
        }
        for (Path pilot : pilots()) {
            Properties p = properties(pilot.resolve("points-rules.properties"));
            assertEquals(defaults.stringPropertyNames(), p.stringPropertyNames(), pilot + ": same keys as the bundled rules");
            PointsRules rules = PointsRules.from(p);
            assertNotNull(rules, pilot.toString());
        }
    }

    private static Properties properties(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
