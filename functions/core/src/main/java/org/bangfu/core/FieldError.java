package org.bangfu.core;

/**
 * One problem with one field of a request, e.g. {@code household.idNumber}: 校验位不正确. The
 * {@code code} is stable (the site words it in its own language); the message is the server's
 * bilingual text, a fallback for clients that do not know the code.
 */
public record FieldError(String field, String code, String message) {
    /** A problem without a more specific code. */
    public FieldError(String field, String message) {
        this(field, "invalid", message);
    }
}
