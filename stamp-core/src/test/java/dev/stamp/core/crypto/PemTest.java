package dev.stamp.core.crypto;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PemTest {
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 3, 47, 48, 49, 96, 700, 1500})
    void encodesExactlyAsBouncyCastlesPemWriterWithLineFeeds(int size) throws Exception {
        byte[] der = new byte[size];
        new Random(size).nextBytes(der);
        StringWriter expected = new StringWriter();
        try (PemWriter w = new PemWriter(expected)) {
            w.writeObject(new PemObject("CERTIFICATE", der));
        }

        String pem = Pem.encode("CERTIFICATE", der);

        assertThat(pem).isEqualTo(expected.toString().replace("\r\n", "\n"));
        assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64)).isTrue();
    }
}
