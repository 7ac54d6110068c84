package dev.stamp.store;

import java.util.Arrays;
import java.util.List;

/** The CAs of a token or access key as stored in their ca_ids column: comma-separated, empty for none. */
final class CaIds {
    private CaIds() {}

    static String encode(List<String> caIds) {
        return String.join(",", caIds);
    }

    static List<String> decode(String column) {
        return column.isEmpty() ? List.of() : Arrays.asList(column.split(","));
    }
}
