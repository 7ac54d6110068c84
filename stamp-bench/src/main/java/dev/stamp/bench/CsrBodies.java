package dev.stamp.bench;

import dev.stamp.core.crypto.KeyAlgorithm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the same pre-generated P-256 CSRs as request bodies for both servers under comparison, one JSON document
 * per line: {@code stamp.bodies} for Stamp's {@code POST /api/v1/cas/{id}/certificates} and {@code cfssl.bodies}
 * for cfssl's {@code POST /api/v1/cfssl/sign}. The load generators rotate through them.
 *
 * <pre>java -cp benchmarks.jar dev.stamp.bench.CsrBodies OUT_DIR [COUNT]</pre>
 */
public final class CsrBodies {
    private CsrBodies() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CsrBodies OUT_DIR [COUNT]");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        int count = args.length > 1 ? Integer.parseInt(args[1]) : LeafCsrs.POOL;
        byte[][] csrs = LeafCsrs.pem(KeyAlgorithm.EC_prime256v1, count);
        List<String> stamp = new ArrayList<>(count);
        List<String> cfssl = new ArrayList<>(count);
        for (byte[] csr : csrs) {
            String pem = json(new String(csr, StandardCharsets.US_ASCII));
            stamp.add("{\"csr\":\"" + pem + "\",\"validity\":\"90d\"}");
            cfssl.add("{\"certificate_request\":\"" + pem + "\"}");
        }
        Files.write(out.resolve("stamp.bodies"), stamp);
        Files.write(out.resolve("cfssl.bodies"), cfssl);
        System.out.println("wrote " + count + " CSRs to " + out.resolve("stamp.bodies") + " and " + out.resolve("cfssl.bodies"));
    }

    /** PEM has only base64, dashes, spaces and newlines: only the newlines need escaping. */
    private static String json(String pem) {
        return pem.replace("\r", "").replace("\n", "\\n");
    }
}
