package org.bangfu.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bangfu.local.LocalPlatform;

/**
 * One platform (as ./run.sh starts it, demo data included, on a free port) and one Chromium per
 * test JVM. Tests stay out of each other's way with their own households and titles.
 */
final class Site {
    static final Path SHOTS = Path.of("target", "screenshots");
    static final int PHONE = 360;
    static final int DESKTOP = 1280;

    private static LocalPlatform platform;
    private static Playwright playwright;
    private static Browser browser;
    /** Script errors of every page opened through {@link #open}; a test fails if any appear. */
    static final List<String> PAGE_ERRORS = new CopyOnWriteArrayList<>();

    private Site() {
    }

    static synchronized String base() {
        if (platform == null) {
            try {
                // WeChat features on, against the fake WeChat (share card, sign-in); they act only inside WeChat's user agent.
                System.setProperty("LOCAL_WECHAT", "fake");
                platform = LocalPlatform.start(new LocalPlatform.Options("127.0.0.1", 0, null, true, false, 0));
                Files.createDirectories(SHOTS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return platform.baseUrl();
    }

    /** The platform behind base() (its gateway counts function invocations). */
    static synchronized LocalPlatform platform() {
        base();
        return platform;
    }

    static synchronized Browser browser() {
        if (browser == null) {
            playwright = Chromium.playwright();
            browser = Chromium.launch(playwright);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        return browser;
    }

    /** A fresh browser profile (its own sessionStorage, i.e. its own signed-in person) at a width. */
    static BrowserContext context(int width) {
        BrowserContext ctx = browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, width <= PHONE ? 740 : 900)
                .setBaseURL(base()).setLocale("zh-CN").setTimezoneId("Asia/Shanghai")
                .setIsMobile(width <= PHONE).setHasTouch(width <= PHONE));
        ctx.setDefaultTimeout(15_000);
        return ctx;
    }

    static Page open(BrowserContext ctx, String path) {
        Page page = ctx.newPage();
        page.onPageError(e -> PAGE_ERRORS.add(page.url() + ": " + e));
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type()) && !m.text().contains("Failed to load resource")) PAGE_ERRORS.add(page.url() + ": " + m.text());
        });
        page.navigate(path);
        return page;
    }

    /** Signs in through the sign-in page's demo user picker, as a person would. */
    static void signIn(Page page, String sub) {
        page.navigate("/signin.html");
        page.locator("#users button[data-sub='" + sub + "']").click();
        page.waitForURL(url -> !url.contains("/signin.html"));
    }

    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** Horizontal overflow at the current width: the page must not scroll sideways. */
    static int overflow(Page page) {
        return ((Number) page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")).intValue();
    }
}
