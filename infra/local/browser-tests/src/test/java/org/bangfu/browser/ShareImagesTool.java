package org.bangfu.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bangfu.core.Category;
import org.bangfu.local.dynamodb.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: redraws frontend/img/share/*.png, the 500×500 images share cards name (one per
 * window), in Chromium. Run only on purpose:
 * mvn -pl infra/local/browser-tests test -Dtest=ShareImagesTool -Dshare.images=regenerate
 */
@EnabledIfSystemProperty(named = "share.images", matches = "regenerate")
class ShareImagesTool {
    private static final String[][] COLOURS = {
            {"MEDICAL", "#b42318"}, {"EDUCATION", "#1d5fa8"}, {"DISABILITY", "#6b3fa0"}, {"HOME_IMPROVEMENT", "#9a4f06"},
            {"INSURANCE", "#0f766e"}, {"EMPLOYMENT", "#3f6212"}, {"DAILY_LIVING", "#9d174d"}};

    @Test
    void regenerate() throws Exception {
        Chromium.require();
        Path dir = Template.projectRoot().resolve("frontend/img/share");
        Files.createDirectories(dir);
        try (Playwright pw = Chromium.playwright(); Browser browser = Chromium.launch(pw)) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(500, 500));
            for (String[] c : COLOURS) {
                Category category = Category.valueOf(c[0]);
                page.setContent("""
                        <html><body style="margin:0;width:500px;height:500px;background:%s;color:#fff;
                          font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif;display:flex;flex-direction:column;
                          align-items:center;justify-content:center;text-align:center">
                          <div style="width:150px;height:150px;border:10px solid #fff;border-radius:50%%;display:flex;
                            align-items:center;justify-content:center;font-size:92px;line-height:1">♥</div>
                          <div style="font-size:%dpx;font-weight:bold;margin-top:28px;letter-spacing:4px">%s</div>
                          <div style="font-size:34px;margin-top:18px;opacity:.95">帮扶认领 · 群众点单 爱心接单</div>
                        </body></html>""".formatted(c[1], category.label().length() > 3 ? 78 : 96, category.label()));
                page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(category.name().toLowerCase(Locale.ROOT) + ".png")));
            }
            // The site's own picture (list and transparency pages shared in WeChat, js/wechat.js).
            page.setContent("""
                    <html><body style="margin:0;width:500px;height:500px;background:#b42318;color:#fff;
                      font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif;display:flex;flex-direction:column;
                      align-items:center;justify-content:center;text-align:center">
                      <div style="width:150px;height:150px;border:10px solid #fff;border-radius:50%;display:flex;
                        align-items:center;justify-content:center;font-size:92px;line-height:1">♥</div>
                      <div style="font-size:96px;font-weight:bold;margin-top:28px;letter-spacing:4px">帮扶认领</div>
                      <div style="font-size:34px;margin-top:18px;opacity:.95">群众点单 爱心接单</div>
                    </body></html>""");
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("site.png")));
        }
    }
}
