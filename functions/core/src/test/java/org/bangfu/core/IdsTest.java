package org.bangfu.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void madeIdsLookValidForTheirKindOnly() {
        String n = Ids.need();
        String c = Ids.claim();
        assertTrue(Ids.looksValid(n, 'n'), n);
        assertTrue(Ids.looksValid(c, 'c'), c);
        assertFalse(Ids.looksValid(n, 'c'));
        assertNotEquals(Ids.need(), Ids.need());
    }

    @Test
    void oddIdsFromUrlsAreRefused() {
        assertFalse(Ids.looksValid(null, 'n'));
        assertFalse(Ids.looksValid("", 'n'));
        assertFalse(Ids.looksValid("nabcdefghjkm2", 'c'));
        assertFalse(Ids.looksValid("nabcdefghjkm", 'n'));      // too short
        assertFalse(Ids.looksValid("nabcdefghjkmnp", 'n'));    // too long
        assertFalse(Ids.looksValid("nabcdefghjk1m", 'n'));     // 1 is not in the alphabet
        assertFalse(Ids.looksValid("nabcdefghjkIm", 'n'));
        assertFalse(Ids.looksValid("nabcdef\"hjkmn", 'n'));
        assertTrue(Ids.looksValid("nabcdefghjkmn", 'n'));
    }
}
