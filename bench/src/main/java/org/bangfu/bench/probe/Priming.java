package org.bangfu.bench.probe;

/** Calls a handler's CRaC beforeCheckpoint, as SnapStart does before the snapshot; kept apart so org.crac loads only when asked. */
final class Priming {
    private Priming() {
    }

    static long run(Object handler) throws Exception {
        long t = System.nanoTime();
        try {
            if (handler instanceof org.crac.Resource r) {
                r.beforeCheckpoint(null);
            }
        } catch (NoClassDefFoundError noCrac) {
            return 0; // a jar without org.crac (the hello-world baseline): nothing to prime
        }
        return System.nanoTime() - t;
    }
}
