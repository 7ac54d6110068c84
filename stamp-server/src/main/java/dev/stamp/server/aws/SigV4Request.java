package dev.stamp.server.aws;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What SigV4 covers of one HTTP request, as received: the method, the path and query exactly as they appeared on the
 * request line (still percent-encoded), the headers by lowercase name (every value of a repeated header, in order),
 * and the body.
 */
public record SigV4Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    public SigV4Request {
        Objects.requireNonNull(method, "method");
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The first value of a header (name in lowercase), or null. */
    String header(String lowercaseName) {
        List<String> values = headers.get(lowercaseName);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
