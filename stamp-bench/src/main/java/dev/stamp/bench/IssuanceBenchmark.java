package dev.stamp.bench;

import dev.stamp.core.Pki;
import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.PublicEndpoints;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.vault.KeyEncryptionKey;
import dev.stamp.core.vault.SoftwareKeyVault;
import dev.stamp.store.Database;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One end-entity issuance through the whole pipeline: PEM CSR in, certificate out, stored in SQLite (WAL,
 * synchronous=FULL: two committed transactions per certificate, the reservation and the issued record with its
 * audit entry). Compare with {@link RawSignVerifyBenchmark}, the cryptographic floor of the same issuance.
 *
 * <p>{@code storage=disk} puts the data directory under java.io.tmpdir (a real disk: every commit waits for fsync);
 * {@code storage=tmpfs} puts it under /dev/shm, where fsync returns at once, to show the pipeline's CPU cost without
 * durability. Only {@code disk} is a configuration anyone should run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // ACCP loads its native library
public class IssuanceBenchmark {
    @Param({"accp", "jdk"})
    public String provider;

    @Param({"EC_prime256v1", "RSA_2048"})
    public String key;

    @Param({"disk", "tmpfs"})
    public String storage;

    private Path dir;
    private Database database;
    private Pki pki;
    private String issuingCaId;
    private byte[][] csrs;
    private final AtomicInteger next = new AtomicInteger();
    private final Template template = Template.named("EndEntityCertificate/V1");
    private final Validity validity = Validity.days(90);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        KeyAlgorithm algorithm = KeyAlgorithm.parse(key);
        Path base = switch (storage) {
            case "disk" -> Path.of(System.getProperty("java.io.tmpdir"));
            case "tmpfs" -> Path.of("/dev/shm");
            default -> throw new IllegalArgumentException("storage must be disk or tmpfs, not " + storage);
        };
        dir = Files.createTempDirectory(base, "stamp-bench-");
        open();
        var cas = pki.authorities();
        CertificateAuthority root = cas.createRoot(new CreateCaRequest(CaType.ROOT, CaSubject.parse("CN=Bench Root CA,O=Stamp"),
                algorithm, null, null, null), Validity.years(10), "bench");
        CertificateAuthority issuing = cas.createSubordinate(new CreateCaRequest(CaType.SUBORDINATE,
                CaSubject.parse("CN=Bench Issuing CA,O=Stamp"), algorithm, null, null, null),
                root.id(), Template.named("SubordinateCACertificate_PathLen0/V1"), Validity.years(5), "bench");
        issuingCaId = issuing.id();
        // Start again as a server would after a restart: the vault unwraps the CA key from the store on first use,
        // instead of keeping the key object its generator returned.
        database.close();
        open();
        csrs = LeafCsrs.pem(algorithm, LeafCsrs.POOL);
        issue(); // unwraps the key; any one-off cost stays out of the measurement
    }

    private void open() {
        CryptoProviders providers = CryptoProviders.named(provider);
        SecureRandom random = new SecureRandom();
        database = Database.sqlite(dir);
        var vault = SoftwareKeyVault.open(database.stores().keys(), KeyEncryptionKey.keyFile(dir.resolve("vault.key")), providers, random);
        pki = Pki.wire(database.stores(), vault, providers, Clock.systemUTC(), random, new PublicEndpoints(PublicEndpoints.DEFAULT_BASE));
    }

    @Benchmark
    public IssuedCertificate issue() {
        byte[] csr = csrs[Math.floorMod(next.getAndIncrement(), csrs.length)];
        return pki.issuance().issue(IssueRequest.of(issuingCaId, csr, template, validity));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (database != null) database.close();
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
