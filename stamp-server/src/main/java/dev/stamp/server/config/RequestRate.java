package dev.stamp.server.config;

/** How many requests one caller may make: {@code perSecond} on average, up to {@code burst} at once. */
public record RequestRate(double perSecond, int burst) {
    /** Generous: throttles a runaway script, never a busy but well-behaved client. */
    public static final RequestRate DEFAULT = new RequestRate(50, 100);

    public RequestRate {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) throw new IllegalArgumentException("requests-per-second must be positive, not " + perSecond);
        if (burst < 1) throw new IllegalArgumentException("burst must be at least 1, not " + burst);
    }
}
