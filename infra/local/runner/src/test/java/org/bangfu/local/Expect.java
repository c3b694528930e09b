package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/** Assertions on the error contract shared by the adversarial gateway tests. */
final class Expect {
    private Expect() {
    }

    /** Never a 5xx, whatever a client sends. */
    static Api.Reply sane(Api.Reply r, String what) {
        if (r.status() >= 500) fail(what + ": server error " + r);
        return r;
    }

    static Api.Reply status(Api.Reply r, int expected, String what) {
        sane(r, what);
        assertEquals(expected, r.status(), () -> what + ": " + r);
        return r;
    }

    static Set<String> fields(Api.Reply r) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode f : r.body().path("fields")) out.add(f.path("field").asText());
        return out;
    }

    /** 400 "invalid", with at least these fields named, and every field entry carrying a message. */
    static Api.Reply invalid(Api.Reply r, String what, String... expectedFields) {
        status(r, 400, what);
        assertEquals("invalid", r.text("error"), () -> what + ": error code " + r);
        assertTrue(r.body().path("fields").isArray() && r.body().path("fields").size() > 0, () -> what + ": no fields " + r);
        for (JsonNode f : r.body().path("fields")) {
            assertTrue(!f.path("message").asText().isBlank(), () -> what + ": field without message " + r);
        }
        Set<String> got = fields(r);
        for (String f : expectedFields) {
            assertTrue(got.contains(f), () -> what + ": expected field '" + f + "' in " + got + " — " + r);
        }
        return r;
    }

    /** 400 naming exactly these fields, no more. */
    static Api.Reply invalidExactly(Api.Reply r, String what, String... expectedFields) {
        invalid(r, what, expectedFields);
        assertEquals(new TreeSet<>(Arrays.asList(expectedFields)), new TreeSet<>(fields(r)), () -> what + ": " + r);
        return r;
    }

    static Api.Reply notFound(Api.Reply r, String what) {
        status(r, 404, what);
        return r;
    }

    /** A 404 from the function itself (the route matched and the id was rejected). */
    static Api.Reply notFoundByHandler(Api.Reply r, String what) {
        status(r, 404, what);
        assertEquals("not_found", r.text("error"), () -> what + ": " + r);
        return r;
    }

    static Api.Reply forbidden(Api.Reply r, String what) {
        status(r, 403, what);
        assertEquals("forbidden", r.text("error"), () -> what + ": " + r);
        return r;
    }

    static Api.Reply conflict(Api.Reply r, String state, String what) {
        status(r, 409, what);
        assertEquals("conflict", r.text("error"), () -> what + ": " + r);
        if (state != null) assertEquals(state, r.text("state"), () -> what + ": current state in " + r);
        return r;
    }

    /** The gateway's authorizer refusal: 401 {"message":"Unauthorized"}, the function never runs. */
    static Api.Reply unauthorized(Api.Reply r, String what) {
        status(r, 401, what);
        assertEquals("Unauthorized", r.text("message"), () -> what + ": " + r);
        return r;
    }

    static Api.Reply tooLarge(Api.Reply r, String what) {
        status(r, 413, what);
        assertEquals("too_large", r.text("error"), () -> what + ": " + r);
        return r;
    }
}
