package dev.stamp.bench;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Stores N issued certificate rows under one CA of an initialised data directory, straight into SQLite in one
 * transaction of batched inserts, so that issuance and OCSP can be measured over a database that already holds
 * 10k, 100k or 1M certificates. Setup for benchmarks only: the rows are not real certificates (random DER-sized
 * bytes), and nothing is audited. Run it while no server is using the directory.
 *
 * <pre>java -cp benchmarks.jar dev.stamp.bench.Prefill DATA_DIR CA_ID COUNT</pre>
 */
public final class Prefill {
    // The store's own instant encoding: ISO-8601 UTC with nine fraction digits.
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int DER_BYTES = 700; // about one P-256 leaf certificate

    private Prefill() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Prefill DATA_DIR CA_ID COUNT");
            System.exit(2);
        }
        Path db = Path.of(args[0]).resolve("stamp.db");
        if (!Files.isRegularFile(db)) throw new IllegalArgumentException("no database at " + db + " (run stamp init first)");
        String caId = args[1];
        int count = Integer.parseInt(args[2]);
        long start = System.nanoTime();
        insert(db, caId, count);
        System.out.printf("stored %,d certificates under CA %s in %.1f s%n", count, caId, (System.nanoTime() - start) / 1e9);
    }

    private static void insert(Path file, String caId, int n) throws Exception {
        Random random = new Random(42);
        Instant now = Instant.now();
        String notBefore = INSTANT.format(now.minus(Duration.ofHours(1)));
        String notAfter = INSTANT.format(now.plus(Duration.ofDays(90)));
        byte[] der = new byte[DER_BYTES];
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
                // Setup only: a page cache big enough for the random-order B-tree inserts (native memory, not heap),
                // and no WAL or fsync while filling (a gigabyte through the WAL would be written twice). The server
                // switches the file back to WAL when it opens it; this puts it back already, to leave it as found.
                s.execute("PRAGMA cache_size = -524288");
                s.execute("PRAGMA journal_mode = DELETE");
                s.execute("PRAGMA synchronous = OFF");
            }
            c.setAutoCommit(false);
            try (PreparedStatement cert = c.prepareStatement("INSERT INTO certificates (ca_id, serial, state, template, "
                    + "subject, not_before, not_after, der, idempotency_token, created_at) "
                    + "VALUES (?, ?, 'ISSUED', 'EndEntityCertificate/V1', ?, ?, ?, ?, NULL, ?)")) {
                for (int i = 0; i < n; i++) {
                    // Random 127-bit serials, as the pipeline makes them (so the primary key grows in random order).
                    String hex = String.format("%032x", new BigInteger(127, random).setBit(120));
                    random.nextBytes(der);
                    cert.setString(1, caId);
                    cert.setString(2, hex);
                    cert.setString(3, "CN=prefill-" + i + ".bench.stamp.example");
                    cert.setString(4, notBefore);
                    cert.setString(5, notAfter);
                    cert.setBytes(6, der);
                    // Spread over the last day, so the listing indexes are not all one key.
                    cert.setString(7, INSTANT.format(now.minusMillis(86_400_000L * (n - i) / n)));
                    cert.addBatch();
                    if (i % 10_000 == 9_999) cert.executeBatch();
                }
                cert.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
            }
        }
    }
}
