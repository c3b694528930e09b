package org.bangfu.lambda;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.bangfu.core.DomainException;
import org.bangfu.core.FieldError;

/**
 * A JSON object body read field by field. Each accessor records a field error instead of
 * throwing, so one 400 lists everything wrong; {@link #done()} throws if anything was.
 */
public final class Body {
    public static final int MAX_BYTES = 16 * 1024;

    private final ObjectNode root;
    private final String prefix;
    private final List<FieldError> errors;

    private Body(ObjectNode root, String prefix, List<FieldError> errors) {
        this.root = root;
        this.prefix = prefix;
        this.errors = errors;
    }

    static Body empty() {
        return new Body(Json.object(), "", new ArrayList<>());
    }

    static Body of(String raw, boolean base64) {
        return of(raw, base64, MAX_BYTES);
    }

    /** As above with a larger limit, for the one route that takes a file (an admin's CSV import). */
    static Body of(String raw, boolean base64, int maxBytes) {
        if (raw == null || raw.isBlank()) throw new DomainException.Invalid("body", "请求体不能为空，须为 JSON 对象 (a JSON object is required)");
        String text;
        if (base64) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw new DomainException.Invalid("body", "请求体编码无效 (body is not valid base64)");
            }
            if (bytes.length > maxBytes) throw new PayloadTooLarge("请求体过大，最多 " + maxBytes + " 字节");
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new DomainException.Invalid("body", "请求体不是有效的 UTF-8 (body is not valid UTF-8)");
            }
        } else {
            if (raw.length() > maxBytes || raw.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                throw new PayloadTooLarge("请求体过大，最多 " + maxBytes + " 字节");
            }
            text = raw;
        }
        if (text.indexOf('\uFFFD') >= 0) throw new DomainException.Invalid("body", "请求体不是有效的 UTF-8 (body is not valid UTF-8)");
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JacksonException e) {
            throw new DomainException.Invalid("body", "不是有效的 JSON (not valid JSON): " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw new DomainException.Invalid("body", "须为 JSON 对象 (must be a JSON object)");
        return new Body((ObjectNode) node, "", new ArrayList<>());
    }

    /** Fields not in {@code allowed} are errors: a typo must not silently drop a value. */
    public Body only(Set<String> allowed) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) errors.add(new FieldError(prefix + n, "unknown_field", "未知字段 (unknown field)"));
        }
        return this;
    }

    /** The field as it came (an array, say), or null; its checks are the caller's. */
    public JsonNode node(String name) {
        JsonNode v = root.get(name);
        return v == null || v.isNull() ? null : v;
    }

    public boolean has(String name) {
        return root.has(name) && !root.get(name).isNull();
    }

    public String text(String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) {
            errors.add(new FieldError(prefix + name, "type", "须为字符串 (must be a string)"));
            return null;
        }
        String text = v.asText();
        if (hasLoneSurrogate(text)) {
            // Valid JSON (\ud800) but not a character: storing it would corrupt the text.
            errors.add(new FieldError(prefix + name, "invalid_character", "含有无效字符 (invalid character)"));
            return null;
        }
        return text;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
                else return true;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public Integer integer(String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            errors.add(new FieldError(prefix + name, "type", "须为整数 (must be a whole number)"));
            return null;
        }
        return v.intValue();
    }

    public Boolean bool(String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) {
            errors.add(new FieldError(prefix + name, "type", "须为 true 或 false"));
            return null;
        }
        return v.booleanValue();
    }

    public LocalDate date(String name) {
        String v = text(name);
        if (v == null) return null;
        try {
            if (v.length() == 10) return LocalDate.parse(v);
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        errors.add(new FieldError(prefix + name, "date_format", "日期格式须为 YYYY-MM-DD (a date like 2026-12-31)"));
        return null;
    }

    /** A nested object; missing gives an empty one (its own required checks then report the fields). */
    public Body object(String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) return new Body(Json.object(), prefix + name + ".", errors);
        if (!v.isObject()) {
            errors.add(new FieldError(prefix + name, "type", "须为 JSON 对象 (must be an object)"));
            return new Body(Json.object(), prefix + name + ".", new ArrayList<>());
        }
        return new Body((ObjectNode) v, prefix + name + ".", errors);
    }

    public void error(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
    }

    public void error(String field, String code, String message) {
        errors.add(new FieldError(prefix + field, code, message));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Throws a 400 listing every problem found so far. */
    public void done() {
        if (!errors.isEmpty()) throw new DomainException.Invalid(errors);
    }
}
