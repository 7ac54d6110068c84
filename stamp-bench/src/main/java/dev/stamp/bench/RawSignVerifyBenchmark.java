package dev.stamp.bench;

import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
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

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cryptographic floor of one issuance, on the same provider as {@link IssuanceBenchmark}: verify one CSR's
 * signature (proof of possession) and make one certificate-sized signature (512 bytes, the size of a leaf TBS) with
 * the CA key. Keys are decoded once, in setup, by the provider that uses them; nothing else happens per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // ACCP loads its native library
public class RawSignVerifyBenchmark {
    private static final int TBS_BYTES = 512;

    @Param({"accp", "jdk"})
    public String provider;

    @Param({"EC_prime256v1", "RSA_2048"})
    public String key;

    private CryptoProviders providers;
    private String jcaName;
    private PrivateKey caKey;
    private SecureRandom random;
    private byte[] tbs;
    private PublicKey[] csrKeys;
    private byte[][] csrInfos;
    private byte[][] csrSignatures;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyAlgorithm algorithm = KeyAlgorithm.parse(key);
        providers = CryptoProviders.named(provider);
        jcaName = algorithm.defaultSigningAlgorithm().jcaName();
        random = new SecureRandom();
        var generator = providers.keyPairGenerator(algorithm);
        generator.initialize(algorithm.spec(), random);
        KeyPair ca = generator.generateKeyPair();
        caKey = ca.getPrivate();
        tbs = new byte[TBS_BYTES];
        random.nextBytes(tbs);

        byte[][] pem = LeafCsrs.pem(algorithm, LeafCsrs.POOL);
        KeyFactory factory = KeyFactory.getInstance(algorithm.jcaName(), providers.signature(jcaName).getProvider());
        csrKeys = new PublicKey[pem.length];
        csrInfos = new byte[pem.length][];
        csrSignatures = new byte[pem.length][];
        for (int i = 0; i < pem.length; i++) {
            PKCS10CertificationRequest csr = dev.stamp.core.crypto.Pem.csr(pem[i]);
            csrKeys[i] = factory.generatePublic(new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
            csrInfos[i] = csr.toASN1Structure().getCertificationRequestInfo().getEncoded("DER");
            csrSignatures[i] = csr.getSignature();
        }
        if (!signAndVerify()) throw new IllegalStateException("a benchmark CSR does not verify");
    }

    /** One CSR verify plus one certificate-sized sign; true when the CSR verified (the signature is blackholed via the return). */
    @Benchmark
    public boolean signAndVerify() throws GeneralSecurityException {
        int i = Math.floorMod(next.getAndIncrement(), csrKeys.length);
        Signature verify = providers.signature(jcaName);
        verify.initVerify(csrKeys[i]);
        verify.update(csrInfos[i]);
        boolean ok = verify.verify(csrSignatures[i]);

        Signature sign = providers.signature(jcaName);
        sign.initSign(caKey, random);
        sign.update(tbs);
        byte[] signature = sign.sign();
        return ok & signature.length > 0;
    }
}
