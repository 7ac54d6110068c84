package dev.stamp.server;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deterministic fuzzing of the issuance endpoint (fixed seeds): 10,000 bit-flipped, truncated and random CSRs and
 * 10,000 mangled JSON bodies. None may get a 5xx, the server keeps serving, and nothing is stored but what a 201
 * acknowledged.
 */
class FuzzIT {
    static final int CASES = 10_000;

    @Test
    void mangledCsrsNeverYieldA5xxNorStoreAnything() {
        try (TestServer s = new TestServer()) {
            Random random = new Random(20261129);
            byte[] valid = Base64.getMimeDecoder().decode(s.csrPem("fuzz.example.test")
                    .replaceAll("-----[A-Z ]+-----", "").strip());
            long certificatesBefore = s.testPki.stores.certificates().count(null);
            long auditBefore = s.testPki.stores.audit().entries().size();
            int accepted = 0;
            for (int i = 0; i < CASES; i++) {
                byte[] csr = mutate(valid, random);
                String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(csr)
                        + "\n-----END CERTIFICATE REQUEST-----\n";
                String body = TestServer.JSON.createObjectNode().put("csr", pem).put("validity", "1d").toString();
                var r = s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, body);
                assertThat(r.statusCode()).as("case %d: %s", i, r.body()).isLessThan(500);
                if (r.statusCode() == 201) accepted++;
            }
            assertThat(s.testPki.stores.certificates().count(null)).isEqualTo(certificatesBefore + accepted);
            assertThat(s.testPki.stores.audit().entries()).hasSize((int) (auditBefore + accepted));
            assertThat(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, s.issueBody("after.example.test")).statusCode())
                    .isEqualTo(201);
        }
    }

    @Test
    void mangledJsonBodiesNeverYieldA5xxNorStoreAnything() {
        try (TestServer s = new TestServer()) {
            Random random = new Random(42);
            String valid = s.issueBody("json.example.test");
            long certificatesBefore = s.testPki.stores.certificates().count(null);
            int accepted = 0;
            for (int i = 0; i < CASES; i++) {
                String body = mangle(valid, random);
                var r = s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, body);
                assertThat(r.statusCode()).as("case %d: %s", i, r.body()).isLessThan(500);
                if (r.statusCode() == 201) accepted++;
            }
            assertThat(s.testPki.stores.certificates().count(null)).isEqualTo(certificatesBefore + accepted);
            assertThat(s.send("GET", "/cas", s.auditor, null).statusCode()).isEqualTo(200);
        }
    }

    /** One of: flip 1 to 8 bits, truncate, or random bytes of a random length. */
    static byte[] mutate(byte[] valid, Random random) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> {
                byte[] b = valid.clone();
                for (int k = 1 + random.nextInt(8); k > 0; k--) b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                yield b;
            }
            case 2 -> java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            default -> {
                byte[] b = new byte[random.nextInt(600)];
                random.nextBytes(b);
                yield b;
            }
        };
    }

    /** One of: delete, insert or replace a run of characters, or swap a value for a value of another JSON type. */
    static String mangle(String valid, Random random) {
        StringBuilder b = new StringBuilder(valid);
        String alphabet = "{}[]\":,0123456789-.eEtrufalsn \\/abcXYZ\u00e9\u0000";
        switch (random.nextInt(4)) {
            case 0 -> {
                int at = random.nextInt(b.length());
                b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(20)));
            }
            case 1 -> {
                int at = random.nextInt(b.length() + 1);
                for (int k = 1 + random.nextInt(10); k > 0; k--) b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            case 2 -> {
                int at = random.nextInt(b.length());
                b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            default -> {
                String[] values = {"null", "1", "-1", "1e309", "true", "[]", "{}", "\"\"", "\"90x\"", "{\"value\":0,\"type\":\"DAYS\"}",
                        "{\"value\":1,\"type\":\"WEEKS\"}", "\"" + "9".repeat(40) + "d\""};
                String field = random.nextBoolean() ? "\"validity\":\"90d\"" : "\"csr\":";
                int at = b.indexOf(field);
                if (at >= 0 && field.startsWith("\"validity\"")) {
                    b.replace(at, at + field.length(), "\"validity\":" + values[random.nextInt(values.length)]);
                } else {
                    b.insert(1, "\"" + (random.nextBoolean() ? "template" : "signingAlgorithm") + "\":" + values[random.nextInt(values.length)] + ",");
                }
            }
        }
        return b.toString();
    }
}
