package dev.stamp.core.ca;

import dev.stamp.core.StampException;

import java.util.Objects;
import java.util.regex.Pattern;

/** A tag on a CA, as AWS's Tag: a key (1 to 128 characters) and a value (0 to 256), letters, digits, spaces and _.:/=+-@. */
public record CaTag(String key, String value) {
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    public CaTag {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > 128 || !ALLOWED.matcher(key).matches()) {
            throw StampException.invalidArgument("tag key '" + key + "' must be 1 to 128 letters, digits, spaces or _.:/=+-@");
        }
        if (value != null && (value.length() > 256 || !ALLOWED.matcher(value).matches())) {
            throw StampException.invalidArgument("tag value of '" + key + "' must be at most 256 letters, digits, spaces or _.:/=+-@");
        }
    }
}
