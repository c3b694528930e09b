package org.bangfu.core;

import java.util.List;

/** A rule said no. Each subtype maps to one HTTP status at the edge. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message, null, false, false);
    }

    /** Bad input: 400 with the list of field problems. */
    public static final class Invalid extends DomainException {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super("invalid request: " + errors);
            this.errors = List.copyOf(errors);
        }

        public Invalid(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }

        public Invalid(String field, String code, String message) {
            this(List.of(new FieldError(field, code, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** Signed in, but not allowed: wrong role or wrong area. 403. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** No such need or claim (or not one this viewer may know of). 404. */
    public static final class NotFound extends DomainException {
        private final String code;

        public NotFound(String message) {
            this(null, message);
        }

        /** {@code code}: a stable name for which thing was not found, where a client must tell them apart. */
        public NotFound(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * The need is not in a state that allows this, or someone else got there first. 409 with the
     * current state and a stable {@code code} saying which rule (e.g. {@code need_not_open}).
     */
    public static final class Conflict extends DomainException {
        private final String code;
        private final NeedState current;

        public Conflict(String message, NeedState current) {
            this("conflict", message, current);
        }

        public Conflict(String code, String message, NeedState current) {
            super(message);
            this.code = code;
            this.current = current;
        }

        public String code() {
            return code;
        }

        public NeedState current() {
            return current;
        }
    }
}
