package org.bangfu.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of every message the platform sends (sms-templates.properties). A pilot registers each
 * one with its China provider, word for word, and maps our name to the provider's template id
 * (SMS_TEMPLATE_IDS); placeholders are {name}, sent in the order they appear.
 */
public final class SmsTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9]+)}");
    private static final SmsTemplates BUNDLED = load();
    private final Properties texts;

    private SmsTemplates(Properties texts) {
        this.texts = texts;
    }

    public static SmsTemplates bundled() {
        return BUNDLED;
    }

    /** Every template name, sorted. */
    public List<String> names() {
        return texts.stringPropertyNames().stream().sorted().toList();
    }

    public boolean has(String name) {
        return name != null && texts.containsKey(name);
    }

    /** The placeholder names of a template, in order: the order of the providers' parameter lists. */
    public List<String> placeholders(String name) {
        Matcher m = PLACEHOLDER.matcher(texts.getProperty(name, ""));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }

    public String render(String name, Map<String, String> params) {
        Matcher m = PLACEHOLDER.matcher(texts.getProperty(name, ""));
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(params.getOrDefault(m.group(1), "")));
        m.appendTail(out);
        return out.toString();
    }

    private static SmsTemplates load() {
        Properties p = new Properties();
        try (InputStream in = SmsTemplates.class.getResourceAsStream("sms-templates.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SmsTemplates(p);
    }
}
