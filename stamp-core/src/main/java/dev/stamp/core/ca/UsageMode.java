package dev.stamp.core.ca;

import java.time.Duration;

/** AWS Private CA usage modes. A short-lived CA issues certificates valid for at most seven days. */
public enum UsageMode {
    GENERAL_PURPOSE(null),
    SHORT_LIVED_CERTIFICATE(Duration.ofDays(7));

    private final Duration maximumValidity;

    UsageMode(Duration maximumValidity) { this.maximumValidity = maximumValidity; }

    /** The longest validity this mode allows for what the CA issues, or null for no cap of its own. */
    public Duration maximumValidity() { return maximumValidity; }
}
