package org.bangfu.site;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages are built from one shared skeleton: the head is written once, and every built page has it once. */
class PagesTest {
    private static final Path FRONTEND = Path.of("../../frontend");

    @Test
    void everyPageIsTheSkeletonAroundItsOwnLinesAndNoSourceRepeatsTheSharedHead(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("pages"));
        try (var files = Files.list(FRONTEND.resolve("pages"))) {
            for (Path p : files.toList()) Files.copy(p, dir.resolve("pages").resolve(p.getFileName()));
        }
        List<Path> built = Pages.buildAll(dir);
        assertTrue(built.size() >= 7, "every page is built: " + built);
        for (Path page : built) {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            String source = Files.readString(dir.resolve("pages").resolve(page.getFileName()), StandardCharsets.UTF_8);
            assertFalse(source.contains("<meta charset") || source.contains("site.css"), page + ": the shared head stays in _page.html");
            assertEquals(1, count(html, "<meta charset=\"utf-8\">"), page.toString());
            assertEquals(1, count(html, "<title>"), page + " has its own title");
            assertEquals(1, count(html, "<script type=\"module\""), page + " loads its own module");
            assertTrue(html.startsWith("<!doctype html>"), page.toString());
            assertEquals(html, Files.readString(FRONTEND.resolve(page.getFileName()), StandardCharsets.UTF_8),
                    page.getFileName() + ": the served page is the build of its source");
        }
    }

    @Test
    void aSkeletonWithoutItsSlotIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Pages.build("<html></html>", "<title>x</title>"));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }
}
