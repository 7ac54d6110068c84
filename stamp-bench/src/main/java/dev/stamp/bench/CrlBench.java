package dev.stamp.bench;

import dev.stamp.core.Pki;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.PublicEndpoints;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.PublishedCrl;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.vault.KeyEncryptionKey;
import dev.stamp.core.vault.SoftwareKeyVault;
import dev.stamp.store.Database;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Builds and signs a CRL of N revoked certificates (default 1,000,000) from a SQLite database on disk, and prints the
 * build+sign time and the peak heap of each publication. Not a JMH benchmark: one publication is seconds long and
 * its peak heap is the point. Run it with {@code -Xmx256m} to show that the entries stream:
 * <pre>java -Xmx256m -cp stamp-bench/target/benchmarks.jar dev.stamp.bench.CrlBench [N] [runs] [crl-output-file]</pre>
 * The rows are inserted with batched JDBC statements in one transaction (setup, not measured), in the schema's
 * own encodings (serials as 32-digit hex, instants as fixed-width UTC text).
 */
public final class CrlBench {
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);
    private static final RevocationReason[] REASONS = RevocationReason.values();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path output = args.length > 2 ? Path.of(args[2]) : null;
        Path dir = Files.createTempDirectory("stamp-crl-bench-");
        CryptoProviders providers = CryptoProviders.detect();
        SecureRandom random = new SecureRandom();
        System.out.printf("CRL bench: %,d entries, max heap %d MiB, %s, data in %s%n", n,
                Runtime.getRuntime().maxMemory() >> 20, providers.describe(), dir);
        try (Database db = Database.sqlite(dir)) {
            var vault = SoftwareKeyVault.open(db.stores().keys(), KeyEncryptionKey.keyFile(dir.resolve("vault.key")), providers, random);
            Pki pki = Pki.wire(db.stores(), vault, providers, Clock.systemUTC(), random, new PublicEndpoints(PublicEndpoints.DEFAULT_BASE));
            CertificateAuthority ca = pki.authorities().createRoot(
                    CreateCaRequest.of(CaType.ROOT, "CN=CRL Bench Root,O=Stamp", KeyAlgorithm.EC_prime256v1), Validity.years(5), "bench");
            long t0 = System.nanoTime();
            insert(dir.resolve("stamp.db"), ca.id(), n);
            System.out.printf("inserted %,d certificates and revocations in %.1f s (setup, not measured)%n", n, (System.nanoTime() - t0) / 1e9);

            // Breakdown: the store alone streaming the same entries to a writer that only counts them.
            for (int run = 1; run <= 2; run++) {
                long start = System.nanoTime();
                long[] count = {0};
                db.stores().revocations().publish(ca.id(), CrlPartitions.WHOLE, (number, previous, entries) -> {
                    entries.forEach(Instant.EPOCH, e -> count[0]++);
                    return new PublishedCrl(ca.id(), CrlPartitions.WHOLE, number, Instant.now(), Instant.now(), count[0], new byte[1]);
                });
                System.out.printf("stream only (read %,d rows from SQLite, no encoding or signing): %.2f s%n", count[0],
                        (System.nanoTime() - start) / 1e9);
            }
            for (int run = 1; run <= runs; run++) {
                System.gc();
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
                long start = System.nanoTime();
                PublishedCrl crl = pki.crls().publish(ca.id(), CrlPartitions.WHOLE);
                double seconds = (System.nanoTime() - start) / 1e9;
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
                }
                System.out.printf("run %d: CRL number %d, %,d entries, %.1f MB DER, build+sign+store %.2f s, peak heap %d MiB%n",
                        run, crl.number(), crl.entries(), crl.der().length / 1e6, seconds, peak >> 20);
                if (output != null && run == runs) Files.write(output, crl.der());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One transaction of batched inserts: a certificate row (the revocation's foreign key) and its revocation. */
    private static void insert(Path file, String caId, int n) throws Exception {
        Random random = new Random(42);
        Instant now = Instant.now();
        String created = INSTANT.format(now);
        String notBefore = INSTANT.format(now.minus(Duration.ofDays(1)));
        String notAfter = INSTANT.format(now.plus(Duration.ofDays(365)));
        byte[] der = "bench".getBytes(StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
                // Setup only: a page cache big enough for the random-order B-tree inserts (native memory, not heap).
                s.execute("PRAGMA cache_size = -524288");
            }
            c.setAutoCommit(false);
            try (PreparedStatement cert = c.prepareStatement("INSERT INTO certificates (ca_id, serial, state, template, subject, "
                    + "not_before, not_after, der, idempotency_token, created_at) VALUES (?, ?, 'ISSUED', 'EndEntityCertificate/V1', ?, ?, ?, ?, NULL, ?)");
                 PreparedStatement rev = c.prepareStatement("INSERT INTO revocations (ca_id, serial, crl_partition, reason, "
                         + "revoked_at, not_after, actor) VALUES (?, ?, ?, ?, ?, ?, 'bench')")) {
                for (int i = 0; i < n; i++) {
                    BigInteger serial = new BigInteger(127, random).setBit(120);
                    String hex = String.format("%032x", serial);
                    cert.setString(1, caId);
                    cert.setString(2, hex);
                    cert.setString(3, "CN=leaf" + i);
                    cert.setString(4, notBefore);
                    cert.setString(5, notAfter);
                    cert.setBytes(6, der);
                    cert.setString(7, created);
                    cert.addBatch();
                    rev.setString(1, caId);
                    rev.setString(2, hex);
                    rev.setInt(3, CrlPartitions.of(serial));
                    rev.setString(4, REASONS[i % REASONS.length].name());
                    rev.setString(5, created);
                    rev.setString(6, notAfter);
                    rev.addBatch();
                    if (i % 10_000 == 9_999) {
                        cert.executeBatch();
                        rev.executeBatch();
                    }
                }
                cert.executeBatch();
                rev.executeBatch();
            }
            c.commit();
        }
    }
}
