package org.bangfu.lambda;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.bangfu.core.NeedState;
import org.bangfu.core.PublicNeed;

/**
 * The HTML a share link answers with: Open Graph tags (most apps), itemprop tags and a large first
 * image (WeChat), a plain visible card, then a refresh to the need page. Built only from
 * {@link PublicNeed}, which cannot carry the household's name, ID number, phone or address.
 * Every value is HTML-escaped.
 */
public final class ShareCardPage {
    static final String SITE_NAME = "帮扶认领";
    static final int IMAGE_SIZE = 500;
    private static final int SUMMARY_CHARS = 80;

    private ShareCardPage() {
    }

    /**
     * A public need's card as the share function answers it and the snapshot writer stores it: its
     * first public photo when it has one, else the window's picture.
     */
    public static String of(Services services, org.bangfu.core.Need n, String site) {
        var photo = org.bangfu.core.PhotoRules.cardPhoto(services.photos().photos(n.id()), n);
        return card(PublicNeed.of(n), services.areas().path(n.area()), site, services.lifecycle().today(), photo.orElse(null));
    }

    /**
     * @param site  absolute origin of the site ("https://example.cn"), or "" when unknown (then URLs are relative)
     * @param areaNames province … village names of the need's area
     */
    public static String card(PublicNeed n, List<String> areaNames, String site, LocalDate today) {
        return card(n, areaNames, site, today, null);
    }

    /** @param photo the need's first public photo (its display copy is the image), or null for the window's picture */
    public static String card(PublicNeed n, List<String> areaNames, String site, LocalDate today, org.bangfu.core.Photo photo) {
        String title = "【" + n.category().label() + "】" + n.title() + " · " + SITE_NAME;
        String description = description(n, areaNames, today);
        String needPath = "/need.html?id=" + n.id();
        String image = photo != null ? site + org.bangfu.core.PhotoRules.publicPath(photo, "display")
                : site + "/img/share/" + n.category().name().toLowerCase(Locale.ROOT) + ".png";
        String imageWidth = Integer.toString(photo != null ? photo.width() : IMAGE_SIZE);
        String imageHeight = Integer.toString(photo != null ? photo.height() : IMAGE_SIZE);
        return page(title, description, image, imageWidth, imageHeight, site + "/share/" + n.id(), needPath, n.category().label(),
                n.title(), "查看详情 · View the need");
    }

    /**
     * An offer's card, from what its public page shows (the offerer's or organisation's name, never a
     * contact): what, how much is left, where, until when; one that can no longer be taken up says so.
     */
    public static String offer(org.bangfu.core.Offer o, List<String> areaNames, String site, LocalDate today) {
        String title = "【" + o.category().label() + "·" + o.kind().label() + "】" + o.title() + " · " + SITE_NAME;
        String where = String.join("", areaNames.subList(Math.max(0, areaNames.size() - 3), areaNames.size()));
        String from = o.organisationName() != null ? o.organisationName() : o.offererName();
        StringBuilder d = new StringBuilder();
        if (o.isListed(today)) {
            d.append(from).append("提供：还有 ").append(o.remainingOn(today)).append('/').append(o.quantity()).append(' ').append(o.unit())
                    .append(o.monthly() ? "（每月）" : "").append(" · 截止 ").append(o.until()).append("。");
        } else {
            d.append(o.status(today) == org.bangfu.core.OfferState.FULL_THIS_MONTH ? "本月已满，下月再开放。" : "该供给已不可认领（已用完、过期或撤下）。");
        }
        if (!where.isEmpty()) d.append("面向").append(where).append("：");
        d.append(clip(o.description().replaceAll("\\s+", " ").strip(), SUMMARY_CHARS));
        String image = site + "/img/share/" + o.category().name().toLowerCase(Locale.ROOT) + ".png";
        String size = Integer.toString(IMAGE_SIZE);
        return page(title, d.toString(), image, size, size, site + "/share/offer/" + o.id(), "/offer.html?id=" + o.id(),
                o.category().label(), o.title(), "查看供给 · View the offer");
    }

    /** The one renderer of a card: meta for link previews, a visible card, then on to {@code targetPath}. */
    private static String page(String title, String description, String image, String imageWidth, String imageHeight, String shareUrl,
                               String targetPath, String imageAlt, String heading, String linkText) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!doctype html>\n<html lang=\"zh-CN\" itemscope itemtype=\"http://schema.org/WebPage\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append(ICON);
        meta(h, "name", "description", description);
        meta(h, "property", "og:type", "website");
        meta(h, "property", "og:site_name", SITE_NAME);
        meta(h, "property", "og:locale", "zh_CN");
        meta(h, "property", "og:title", title);
        meta(h, "property", "og:description", description);
        meta(h, "property", "og:image", image);
        meta(h, "property", "og:image:width", imageWidth);
        meta(h, "property", "og:image:height", imageHeight);
        meta(h, "property", "og:url", shareUrl);
        meta(h, "itemprop", "name", title);
        meta(h, "itemprop", "description", description);
        meta(h, "itemprop", "image", image);
        meta(h, "name", "twitter:card", "summary");
        // Crawlers read the tags above and stop; people are sent on to the page that can act on it.
        h.append("<meta http-equiv=\"refresh\" content=\"0; url=").append(escape(targetPath)).append("\">\n");
        h.append(STYLE).append("</head>\n<body>\n<main>\n")
                // WeChat's old crawler takes the first image of at least 300 px as the thumbnail.
                .append("<img src=\"").append(escape(image)).append("\" width=\"").append(imageWidth).append("\" height=\"")
                .append(imageHeight).append("\" alt=\"").append(escape(imageAlt)).append("\">\n")
                .append("<h1>").append(escape(heading)).append("</h1>\n")
                .append("<p>").append(escape(description)).append("</p>\n")
                .append("<p><a href=\"").append(escape(targetPath)).append("\">").append(escape(linkText)).append("</a></p>\n")
                .append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The site's icon (same origin, allowed by img-src 'self'), so a first open does not ask for a missing /favicon.ico. */
    private static final String ICON = "<link rel=\"icon\" href=\"/img/icon.svg\" type=\"image/svg+xml\">\n";

    public static String notFound(String site) {
        return notFound(site, "没有找到这个需求", "链接可能有误，或这条需求还没有通过审核。", "This need does not exist or is not public yet.");
    }

    public static String offerNotFound(String site) {
        return notFound(site, "没有找到这个供给", "链接可能有误。", "This offer does not exist.");
    }

    private static String notFound(String site, String heading, String why, String english) {
        String title = heading + " · " + SITE_NAME;
        StringBuilder h = new StringBuilder(1024);
        h.append("<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append(ICON);
        meta(h, "property", "og:title", title);
        meta(h, "property", "og:site_name", SITE_NAME);
        h.append(STYLE).append("</head>\n<body>\n<main>\n")
                .append("<h1>").append(escape(heading)).append("</h1>\n")
                .append("<p>").append(escape(why)).append("</p>\n")
                .append("<p lang=\"en\">").append(escape(english)).append("</p>\n")
                .append("<p><a href=\"").append(escape(site + "/")).append("\">看看其他待认领的需求 · Browse other needs</a></p>\n")
                .append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** One line for link previews: where the need stands, where it is, then the start of the description. */
    static String description(PublicNeed n, List<String> areaNames, LocalDate today) {
        String where = String.join("", areaNames.subList(Math.max(0, areaNames.size() - 3), areaNames.size()));
        StringBuilder d = new StringBuilder();
        if (n.state() == NeedState.FULFILLED) {
            d.append("已完成帮扶，感谢爱心人士！");
        } else if (n.state() != NeedState.PUBLISHED || n.remaining() == 0) {
            d.append("已被认领，正在帮扶中。");
        } else if (n.deadline().isBefore(today)) {
            d.append("已过截止日期。");
        } else {
            d.append("还需 ").append(n.remaining()).append('/').append(n.quantity()).append(' ').append(n.unit());
            if (n.valueYuan() != null) d.append("（约 ").append(n.valueYuan()).append(" 元）");
            d.append(" · 截止 ").append(n.deadline()).append("。");
        }
        if (!where.isEmpty()) d.append(where).append("：");
        d.append(clip(n.description().replaceAll("\\s+", " ").strip(), SUMMARY_CHARS));
        return d.toString();
    }

    /** At most {@code max} characters (code points, so no emoji is cut in half), with an ellipsis when cut. */
    static String clip(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) return s;
        return s.substring(0, s.offsetByCodePoints(0, max)) + "…";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void meta(StringBuilder h, String attr, String key, String content) {
        h.append("<meta ").append(attr).append("=\"").append(escape(key)).append("\" content=\"").append(escape(content))
                .append("\">\n");
    }

    private static final String STYLE = """
            <style>
            body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
            main{max-width:560px;margin:0 auto;padding:16px}
            img{display:block;width:120px;height:120px;border-radius:12px}
            h1{font-size:20px;margin:12px 0 4px}
            a{color:#9f1c12}
            </style>
            """;
}
