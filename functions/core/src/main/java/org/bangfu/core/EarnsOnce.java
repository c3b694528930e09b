package org.bangfu.core;

/**
 * {@code personId} earns points for {@code key} (e.g. rejecting one poster's needs) at most once,
 * ever; later awards behind the same key are recorded with 0 points and {@code why}.
 */
public record EarnsOnce(String personId, String key, String why) {
}
