package dev.stamp.core.store;

import dev.stamp.core.StampException;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A filtered page of certificates, newest first.
 *
 * @param caIds          only these CAs; empty for every CA
 * @param status         only this status (null: any)
 * @param expiringBefore only certificates whose notAfter is before this (null: any)
 * @param nameContains   only certificates whose CN or a SAN contains this, ignoring case (null: any)
 * @param now            the instant that separates ISSUED from EXPIRED
 * @param after          the previous page's cursor (null: the first page)
 */
public record CertificateQuery(Set<String> caIds, CertificateStatus status, Instant expiringBefore, String nameContains,
                               Instant now, int limit, CertificateCursor after) {
    public static final int MAX_NAME = 253;

    public CertificateQuery {
        caIds = Set.copyOf(caIds);
        Objects.requireNonNull(now, "now");
        if (limit < 1) throw StampException.invalidArgument("limit must be at least 1, not " + limit);
        if (nameContains != null) {
            if (nameContains.length() > MAX_NAME) throw StampException.invalidArgument("name filter has at most " + MAX_NAME + " characters");
            nameContains = nameContains.isBlank() ? null : nameContains.strip().toLowerCase(Locale.ROOT);
        }
    }

    public static CertificateQuery all(Instant now, int limit) {
        return new CertificateQuery(Set.of(), null, null, null, now, limit, null);
    }
}
