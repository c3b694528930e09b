package org.bangfu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AreaRegistryTest {
    private final AreaRegistry areas = AreaRegistry.bundled();

    private static AreaCode a(String code) {
        return new AreaCode(code);
    }

    @Test
    void bundledRegistryKnowsThePilotAreasAtEveryLevel() {
        for (String code : List.of("320000000000", "321100000000", "321181000000", "321181001000",
                "321181001201", "321181001202", "430225100201")) {
            assertTrue(areas.exists(a(code)), code);
        }
        assertEquals(Optional.of("东门村"), areas.name(a("321181001201")));
        assertEquals(Optional.of("丹阳市"), areas.name(a("321181000000")));
    }

    @Test
    void bundledRegistryDoesNotKnowAreasOutsideThePilots() {
        assertFalse(areas.exists(a("321181001299")));
        assertFalse(areas.exists(a("110000000000")));
        assertEquals(Optional.empty(), areas.name(a("321181001299")));
    }

    @Test
    void bundledRegistryIsLoadedOnce() {
        assertSame(AreaRegistry.bundled(), AreaRegistry.bundled());
    }

    @Test
    void pathNamesTheAreasFromProvinceDown() {
        assertEquals(List.of("江苏省", "镇江市", "丹阳市", "云阳街道", "东门村"), areas.path(a("321181001201")));
        assertEquals(List.of("湖南省", "株洲市", "炎陵县", "霞阳镇", "沔渡村"), areas.path(a("430225100201")));
        assertEquals(List.of("江苏省"), areas.path(a("320000000000")));
    }

    @Test
    void pathLeavesOutLevelsTheRegistryDoesNotName() {
        assertEquals(List.of("江苏省", "镇江市", "丹阳市", "云阳街道"), areas.path(a("321181001299")));
    }

    @Test
    void childrenAreTheDirectChildrenOnly() {
        assertEquals(List.of(a("321181001000"), a("321181102000"), a("321181103000")), areas.children(a("321181000000")));
        assertEquals(List.of(a("321181001201"), a("321181001202")), areas.children(a("321181001000")));
        assertEquals(List.of(), areas.children(a("321181001201")));
    }

    @Test
    void childrenOfNullAreTheProvinces() {
        assertEquals(List.of(a("320000000000"), a("430000000000")), areas.children(null));
    }

    @Test
    void readSkipsCommentsAndBlankLinesAndStripsNames() throws IOException {
        String tsv = "# comment\n\n320000000000\t 江苏省 \n321100000000\t镇江市\n";
        AreaRegistry r = AreaRegistry.read(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, r.all().size());
        assertEquals(Optional.of("江苏省"), r.name(a("320000000000")));
    }

    @Test
    void readRejectsLinesWithoutATabAndInvalidCodes() {
        assertThrows(IOException.class, () -> AreaRegistry.read(
                new ByteArrayInputStream("320000000000 江苏省\n".getBytes(StandardCharsets.UTF_8))));
        assertThrows(IllegalArgumentException.class, () -> AreaRegistry.read(
                new ByteArrayInputStream("320000001000\t错\n".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void allIsReadOnly() {
        assertThrows(UnsupportedOperationException.class, () -> areas.all().put("110000000000", "北京市"));
    }
}
