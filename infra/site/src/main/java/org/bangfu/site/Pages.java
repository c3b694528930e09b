package org.bangfu.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the site's pages: each {@code frontend/pages/<page>.html} holds only that page's own head
 * lines (title, description, its modules); {@code _page.html} is everything the pages share (the
 * head's meta, stylesheet, common module preloads, language preload, and the body). The build
 * writes {@code frontend/<page>.html}, so the shared head is written once and there is still no
 * bundler: the built pages are plain files, served as they are.
 */
public final class Pages {
    static final String SLOT = "<!-- the page's own lines -->\n";

    private Pages() {
    }

    /** One page: the shared skeleton with the page's own lines in its slot. */
    static String build(String skeleton, String own) {
        if (!skeleton.contains(SLOT)) throw new IllegalArgumentException("_page.html has no slot " + SLOT.strip());
        return skeleton.replace(SLOT, own.endsWith("\n") ? own : own + "\n");
    }

    /** Every page of {@code frontend}, built; returns the pages written. */
    static List<Path> buildAll(Path frontend) throws IOException {
        Path sources = frontend.resolve("pages");
        String skeleton = Files.readString(sources.resolve("_page.html"), StandardCharsets.UTF_8);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path page : files.filter(p -> p.getFileName().toString().endsWith(".html"))
                    .filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList()) {
                Path target = frontend.resolve(page.getFileName());
                String html = build(skeleton, Files.readString(page, StandardCharsets.UTF_8));
                if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(html)) {
                    Files.writeString(target, html, StandardCharsets.UTF_8);
                }
                out.add(target);
            }
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        buildAll(Path.of(args[0]));
    }
}
