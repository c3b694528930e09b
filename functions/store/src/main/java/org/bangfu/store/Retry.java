package org.bangfu.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Read, decide, conditionally write; when the write finds the need changed, do it all again with
 * the fresh need. Because every decision is re-made on fresh data, retrying is always safe.
 */
public final class Retry {
    private static final int MAX_ATTEMPTS = 60;

    private Retry() {
    }

    public static <T> T onStale(Supplier<T> attempt) {
        StaleWrite last = null;
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            try {
                return attempt.get();
            } catch (StaleWrite e) {
                last = e;
                backoff(i);
            }
        }
        throw new StoreBusy("too much contention on this need, try again", last);
    }

    private static void backoff(int attempt) {
        int cap = Math.min(64, 1 << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(cap) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreBusy("interrupted", e);
        }
    }
}
