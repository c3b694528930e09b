package org.bangfu.browser;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, driven by Playwright. Playwright never downloads a browser here (its download
 * is switched off and the executable path is given). Without Chromium the browser tests fail on
 * CI (CI=true) and are skipped, loudly, everywhere else.
 */
final class Chromium {
    static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private static volatile boolean warned;

    private Chromium() {
    }

    static void require() {
        if (Files.isExecutable(EXECUTABLE)) return;
        String why = "Chromium not found at " + EXECUTABLE + ". The browser tests drive Debian's Chromium: "
                + "apt-get install -y chromium (or set CHROMIUM_PATH).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why + " CI=true, so this is a failure, not a skip.");
        if (!warned) {
            warned = true;
            System.err.println("\n**************** BROWSER TESTS SKIPPED ****************\n" + why
                    + "\n*******************************************************\n");
        }
        Assumptions.abort(why);
    }

    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
    }
}
