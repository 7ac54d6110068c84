package dev.stamp.core.crypto;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.BERSequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class DerElementsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void returnsTheFirstElementOfASequenceAsEncoded() throws Exception {
        var inner = new DERSequence(new DERUTF8String("request info"));
        byte[] der = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {inner, new DEROctetString(new byte[] {1, 2})}).getEncoded(ASN1Encoding.DER);

        assertThat(DerElements.firstInSequence(der)).hasValueSatisfying(first -> assertThat(first).isEqualTo(encoded(inner)));
    }

    @Test
    void readsLongFormLengths() throws Exception {
        var inner = new DEROctetString(new byte[300]); // 04 82 01 2c ...
        byte[] der = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {inner, new DERUTF8String("x")}).getEncoded(ASN1Encoding.DER);

        assertThat(DerElements.firstInSequence(der)).hasValueSatisfying(first -> {
            assertThat(first).hasSize(304);
            assertThat(first).isEqualTo(encoded(inner));
        });
    }

    @Test
    void keepsTheBytesAsSentEvenWhenTheyAreNotCanonicalDer() {
        // A length in long form where short form would do: DER forbids it, a signer may still have signed it.
        byte[] der = HEX.parseHex("3008" + "3081030c0178" + "0400");
        byte[] withTrailing = HEX.parseHex("3009" + "3081030c0178" + "0401ff");

        assertThat(DerElements.firstInSequence(der)).hasValueSatisfying(first -> assertThat(HEX.formatHex(first)).isEqualTo("3081030c0178"));
        assertThat(DerElements.firstInSequence(withTrailing)).hasValueSatisfying(first -> assertThat(HEX.formatHex(first)).isEqualTo("3081030c0178"));
    }

    @Test
    void refusesWhatIsNotADefiniteLengthSequenceOrOverrunsIt() throws Exception {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new DERUTF8String("a"));
        byte[] ber = new BERSequence(v).getEncoded(ASN1Encoding.BER); // 30 80 ... 00 00

        assertThat(DerElements.firstInSequence(ber)).isEmpty();
        assertThat(DerElements.firstInSequence(new byte[0])).isEmpty();
        assertThat(DerElements.firstInSequence(HEX.parseHex("0400"))).isEmpty();        // not a SEQUENCE
        assertThat(DerElements.firstInSequence(HEX.parseHex("3000"))).isEmpty();        // empty SEQUENCE
        assertThat(DerElements.firstInSequence(HEX.parseHex("3003040501"))).isEmpty();  // inner runs past the outer
        assertThat(DerElements.firstInSequence(HEX.parseHex("3005"))).isEmpty();        // outer runs past the input
        assertThat(DerElements.firstInSequence(HEX.parseHex("3084"))).isEmpty();        // length octets missing
        assertThat(DerElements.firstInSequence(HEX.parseHex("30020485"))).isEmpty();    // inner length octets missing
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
