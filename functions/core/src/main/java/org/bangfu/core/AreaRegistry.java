package org.bangfu.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The areas a pilot runs in: code → name, loaded from a tab-separated resource
 * ({@code areas.tsv}, one "code&lt;TAB&gt;name" per line). A pilot ships the subtree it needs.
 */
public final class AreaRegistry {
    private static final String DEFAULT_RESOURCE = "/org/bangfu/core/areas.tsv";
    private static volatile AreaRegistry defaultRegistry;

    private final Map<String, String> names;

    public AreaRegistry(Map<String, String> names) {
        this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
    }

    public static AreaRegistry bundled() {
        AreaRegistry r = defaultRegistry;
        if (r == null) {
            try (InputStream in = AreaRegistry.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) throw new IllegalStateException("missing " + DEFAULT_RESOURCE);
                r = read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaultRegistry = r;
        }
        return r;
    }

    public static AreaRegistry read(InputStream in) throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split("\t", 2);
                if (parts.length != 2) throw new IOException("bad area line: " + line);
                new AreaCode(parts[0]); // validates
                names.put(parts[0], parts[1].strip());
            }
        }
        return new AreaRegistry(names);
    }

    public boolean exists(AreaCode code) {
        return names.containsKey(code.code());
    }

    public Optional<String> name(AreaCode code) {
        return Optional.ofNullable(names.get(code.code()));
    }

    /** Names from province down to this area, e.g. 江苏省 / 镇江市 / 丹阳市 / 皇塘镇 / 蒋墅村. */
    public List<String> path(AreaCode code) {
        List<String> path = new ArrayList<>();
        Optional<AreaCode> at = Optional.of(code);
        while (at.isPresent()) {
            name(at.get()).ifPresent(path::add);
            at = at.get().parent();
        }
        Collections.reverse(path);
        return path;
    }

    /** Direct children of an area (or the provinces, for null). */
    public List<AreaCode> children(AreaCode parent) {
        List<AreaCode> out = new ArrayList<>();
        for (String c : names.keySet()) {
            AreaCode code = new AreaCode(c);
            Optional<AreaCode> p = code.parent();
            if (parent == null ? p.isEmpty() : p.isPresent() && p.get().equals(parent)) out.add(code);
        }
        return out;
    }

    public Map<String, String> all() {
        return names;
    }
}
