package org.bangfu.store;

/** The store could not complete a write for now (contention or throttling past our retries). Nothing was changed: retry later. */
public final class StoreBusy extends RuntimeException {
    public StoreBusy(String message, Throwable cause) {
        super(message, cause);
    }
}
