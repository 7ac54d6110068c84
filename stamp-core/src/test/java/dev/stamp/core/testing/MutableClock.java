package dev.stamp.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A fixed clock that tests move by hand. */
public final class MutableClock implements InstantSource {
    private volatile Instant now;

    public MutableClock(Instant start) { this.now = start; }

    public static MutableClock at(String iso) { return new MutableClock(Instant.parse(iso)); }

    @Override public Instant instant() { return now; }

    public void advance(Duration d) { now = now.plus(d); }

    public void set(Instant t) { now = t; }
}
