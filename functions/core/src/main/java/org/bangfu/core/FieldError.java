package org.bangfu.core;

/** One problem with one field of a request, e.g. {@code household.idNumber}: 校验位不正确. */
public record FieldError(String field, String message) {
}
