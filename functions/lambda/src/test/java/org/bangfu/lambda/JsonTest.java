package org.bangfu.lambda;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Json parses strictly and writes exactly, without ever building an ObjectMapper. */
class JsonTest {
    @Test
    void parsesObjectsArraysAndEveryScalar() throws Exception {
        JsonNode n = Json.parse(" {\"s\":\"王**\",\"i\":12,\"l\":12345678901,\"b\":12345678901234567890,\"d\":1.5,"
                + "\"t\":true,\"f\":false,\"z\":null,\"a\":[1,{\"x\":\"y\"}]} ");
        assertEquals("王**", n.get("s").textValue());
        assertTrue(n.get("i").isInt());
        assertTrue(n.get("l").isLong());
        assertTrue(n.get("b").isBigInteger());
        assertTrue(n.get("d").isDouble());
        assertTrue(n.get("t").booleanValue());
        assertFalse(n.get("f").booleanValue());
        assertTrue(n.get("z").isNull());
        assertEquals("y", n.get("a").get(1).get("x").textValue());
    }

    @Test
    void refusesWhatAStrictParserMustRefuse() {
        for (String bad : new String[] {"", "   ", "{\"a\":1,\"a\":2}", "{} x", "{}{}", "[1] ]", "{\"a\":NaN}", "{\"a\":1,}",
                "{\"a\":" + "1".repeat(25) + "}", "[".repeat(20) + "]".repeat(20), "{'a':1}", "{\"a\":\"\\x\"}"}) {
            assertThrows(JsonProcessingException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void writesWhatItParsesByteForByte() throws Exception {
        String text = "{\"title\":\"轮椅\\\"一台\\\"\\n\",\"q\":[1,2,3],\"v\":null,\"ok\":true,\"n\":-7,\"x\":2.5,\"o\":{}}";
        assertEquals(text, Json.write(Json.parse(text)));
    }

    /** A class loader of its own, so the test sees exactly which classes Json makes the JVM load. */
    static final class Fresh extends URLClassLoader {
        Fresh() throws Exception {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classPath() throws Exception {
            String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
            URL[] urls = new URL[entries.length];
            for (int i = 0; i < entries.length; i++) urls[i] = Path.of(entries[i]).toUri().toURL();
            return urls;
        }
    }

    @Test
    void neverBuildsAnObjectMapper() throws Exception {
        // The point of Json: a cold start must not pay ~190 ms for databind's mapper (docs/benchmarks.md).
        try (Fresh fresh = new Fresh()) {
            Class<?> json = fresh.loadClass(Json.class.getName());
            Object node = json.getMethod("parse", String.class).invoke(null, "{\"a\":[true,1,\"x\"]}");
            json.getMethod("write", fresh.loadClass("com.fasterxml.jackson.databind.JsonNode")).invoke(null, node);
            assertTrue(fresh.loaded("com.fasterxml.jackson.databind.node.ObjectNode"), "sanity: the tree classes are in use");
            assertFalse(fresh.loaded("com.fasterxml.jackson.databind.ObjectMapper"), "Json must not build an ObjectMapper");
        }
    }
}
