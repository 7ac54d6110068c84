package dev.stamp.manager.trust;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.crypto.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustRootTest {
    static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {HEX, "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
            "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF",
            "  01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef \n"})
    void aFingerprintIsReadWithOrWithoutColonsInAnyCase(String text) {
        assertThat(Fingerprint.parse(text).hex()).isEqualTo(HEX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123", HEX + "00", "g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void aMalformedFingerprintIsRefusedNamingIt(String text) {
        assertThatThrownBy(() -> Fingerprint.parse(text)).isInstanceOf(StampException.class).hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Example Root CA            | Example_Root_CA
            Ünïcode / Root: 2026       | n_code_Root_2026
            ..hidden                   | hidden
            """)
    void theLabelIsAFileNameSafeCommonNameAndTheFingerprintPrefix(String cn, String expected) {
        TrustRoot root = TestRoots.root(cn).trustRoot();
        assertThat(root.label()).isEqualTo(expected + "-" + root.fingerprint().shortHex());
        assertThat(root.alias()).isEqualTo("stamp-" + root.fingerprint().hex().substring(0, 16));
    }

    @Test
    void aRootIsReadFromPemOrDer() throws Exception {
        TestRoots root = TestRoots.root("Example Root CA");
        byte[] der = root.certificate().getEncoded();
        assertThat(TrustRoot.read(der, "root.der").der()).isEqualTo(der);
        assertThat(TrustRoot.read(Pem.encode("CERTIFICATE", der).getBytes(StandardCharsets.US_ASCII), "root.pem").der()).isEqualTo(der);
        assertThat(TrustRoot.read(der, "x").fingerprint()).isEqualTo(Fingerprint.of(der));
    }

    @Test
    void aLeafAnIntermediateOrABundleIsNotARoot() throws Exception {
        TestRoots root = TestRoots.root("Example Root CA");
        assertThatThrownBy(() -> new TrustRoot(root.leaf("app.example.net")))
                .hasMessageContaining("CN=app.example.net").hasMessageContaining("not a CA certificate");
        String two = Pem.encode("CERTIFICATE", root.certificate().getEncoded()) + Pem.encode("CERTIFICATE", TestRoots.root("B").certificate().getEncoded());
        assertThatThrownBy(() -> TrustRoot.read(two.getBytes(StandardCharsets.US_ASCII), "bundle.pem"))
                .hasMessageContaining("bundle.pem holds 2 certificates");
        assertThatThrownBy(() -> TrustRoot.read("garbage".getBytes(StandardCharsets.US_ASCII), "junk.crt"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CERTIFICATE))
                .hasMessageStartingWith("junk.crt: ");
    }
}
