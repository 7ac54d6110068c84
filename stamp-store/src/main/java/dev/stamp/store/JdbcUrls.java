package dev.stamp.store;

/** Makes a JDBC URL safe to show: credentials may sit in its user-info or its query string. */
final class JdbcUrls {
    private JdbcUrls() {}

    static String redact(String url) {
        if (url == null) return "null";
        String withoutQuery = url.replaceFirst("[?;].*$", "");
        // jdbc:postgresql://user:secret@host/db
        return withoutQuery.replaceFirst("//[^/@]*@", "//");
    }
}
