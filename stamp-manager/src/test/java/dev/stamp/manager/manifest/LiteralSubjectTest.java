package dev.stamp.manager.manifest;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiteralSubjectTest {
    @Test
    void keepsTheRdnOrderOfTheStringLastRdnFirst() {
        LiteralSubject subject = LiteralSubject.parse("CN=app,OU=Web,O=Example,DC=example,DC=net");

        assertThat(subject.rdns()).extracting(rdn -> rdn.getFirst().value()).containsExactly("net", "example", "Example", "Web", "app");
        X500Name name = subject.toX500Name();
        assertThat(name.getRDNs()[0].getFirst().getType()).isEqualTo(BCStyle.DC);
        assertThat(name.getRDNs()[4].getFirst().getType()).isEqualTo(BCStyle.CN);
        assertThat(subject.commonName()).contains("app");
    }

    @ParameterizedTest(name = "{0} has the value [{1}]")
    @CsvSource(delimiter = '|', value = {
            "CN=a\\,b                 | a,b",
            "CN=\"a, b\"              | a, b",
            "'CN=  spaced  \\ '       | 'spaced  \\u0020'",
            "CN=caf\\C3\\A9           | café",
            "cn=lower                 | lower",
            "CN=x\\+y                 | x+y",
    })
    void decodesEscapesQuotesAndSpaces(String text, String value) {
        String expected = value.replace("\\u0020", " ");
        assertThat(LiteralSubject.parse(text).commonName()).contains(expected);
    }

    @Test
    void aPlusJoinsAttributesIntoOneRdn() {
        LiteralSubject subject = LiteralSubject.parse("CN=app+UID=42,O=Example");

        assertThat(subject.rdns()).hasSize(2);
        assertThat(subject.rdns().get(1)).containsExactly(new LiteralSubject.Attribute("2.5.4.3", "app"),
                new LiteralSubject.Attribute("0.9.2342.19200300.100.1.1", "42"));
    }

    @Test
    void encodesPrintableValuesAsPrintableStringAndOthersAsUtf8() {
        X500Name name = LiteralSubject.parse("CN=café,O=Example,1.2.3.4=x").toX500Name();

        assertThat(name.getRDNs()[0].getFirst().getType()).isEqualTo(new ASN1ObjectIdentifier("1.2.3.4"));
        assertThat(name.getRDNs()[2].getFirst().getValue()).isInstanceOf(DERUTF8String.class);
        assertThat(name.getRDNs()[1].getFirst().getValue().toString()).isEqualTo("Example");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "CN=app,EMAIL=a@example.net | Literal subject contains unrecognized key with value [a@example.net]",
            "CN=#0403616263             | unsupported distinguished name (DN) \"CN=#0403616263\": notation does not support x509.subject identities containing \"=#\"",
            "CN=app,                    | DN ended with incomplete type, value pair",
            "CN                         | DN ended with incomplete type, value pair",
            "CN=\"open                  | unclosed quoted value in DN",
            "''                         | DN is empty",
    })
    void refusesWhatCertManagerRefuses(String text, String message) {
        assertThatThrownBy(() -> LiteralSubject.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void aSubjectWithoutCommonNameHasNone() {
        assertThat(LiteralSubject.parse("O=Example").commonName()).isEmpty();
        assertThat(LiteralSubject.parse("O=Example").rdns()).isEqualTo(List.of(List.of(new LiteralSubject.Attribute("2.5.4.10", "Example"))));
    }
}
