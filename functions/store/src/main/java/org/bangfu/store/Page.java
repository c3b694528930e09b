package org.bangfu.store;

import java.util.List;

/** One page of a listing; {@code next} is the opaque cursor for the following page, null at the end. */
public record Page<T>(List<T> items, String next) {
}
