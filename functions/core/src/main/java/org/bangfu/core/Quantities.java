package org.bangfu.core;

/**
 * How a need's quantity is split. Always: remaining + active + delivered + fulfilled == total,
 * and none is negative.
 */
public record Quantities(int total, int remaining, int active, int delivered, int fulfilled) {
    public Quantities {
        if (total < 1 || remaining < 0 || active < 0 || delivered < 0 || fulfilled < 0
                || remaining + active + delivered + fulfilled != total) {
            throw new IllegalArgumentException("inconsistent quantities " + total + "=" + remaining + "+" + active + "+" + delivered + "+" + fulfilled);
        }
    }

    public static Quantities fresh(int total) {
        return new Quantities(total, total, 0, 0, 0);
    }

    public Quantities claim(int q) {
        return new Quantities(total, remaining - q, active + q, delivered, fulfilled);
    }

    public Quantities release(int q) {
        return new Quantities(total, remaining + q, active - q, delivered, fulfilled);
    }

    public Quantities deliver(int q) {
        return new Quantities(total, remaining, active - q, delivered + q, fulfilled);
    }

    public Quantities confirm(int q) {
        return new Quantities(total, remaining, active, delivered - q, fulfilled + q);
    }

    /** The state of a published need follows from where its quantity is. */
    public NeedState marketState() {
        if (fulfilled == total) return NeedState.FULFILLED;
        if (remaining > 0) return NeedState.PUBLISHED;
        if (active > 0) return NeedState.CLAIMED;
        return NeedState.DELIVERED;
    }
}
