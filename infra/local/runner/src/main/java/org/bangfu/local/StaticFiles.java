package org.bangfu.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** frontend/ as S3 + CloudFront would serve it: files by path, index.html for folders, nothing outside the folder. */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("ico", "image/x-icon"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff2", "font/woff2"));

    private final Path root;

    StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    record File(byte[] bytes, String contentType) {
    }

    Optional<File> read(String rawPath) throws IOException {
        String decoded = java.net.URLDecoder.decode(rawPath.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        if (decoded.contains("\0")) return Optional.empty();
        Path p = root.resolve(decoded.replaceFirst("^/+", "")).normalize();
        if (!p.startsWith(root)) return Optional.empty();
        if (Files.isDirectory(p)) p = p.resolve("index.html");
        if (!Files.isRegularFile(p)) return Optional.empty();
        String name = p.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase() : "";
        return Optional.of(new File(Files.readAllBytes(p), TYPES.getOrDefault(ext, "application/octet-stream")));
    }
}
