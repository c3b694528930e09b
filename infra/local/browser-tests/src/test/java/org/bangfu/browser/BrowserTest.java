package org.bangfu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every browser test shares: Chromium must be there (or the test is skipped/failed), no script errors. */
abstract class BrowserTest {
    /** Per test, so a missing browser reports every test as skipped (or failed on CI), not an empty class. */
    @BeforeEach
    void needsChromium() {
        Chromium.require();
        Site.base();
    }

    @AfterEach
    void noScriptErrors() {
        List<String> errors = List.copyOf(Site.PAGE_ERRORS);
        Site.PAGE_ERRORS.clear();
        assertEquals(List.of(), errors, "script errors in the pages");
    }
}
