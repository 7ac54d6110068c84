package dev.stamp.store;

import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.ca.SubjectAttribute;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text forms of instants, serials and subjects: exact round trips, and text order equal to value order. */
class CodecsTest {

    @Test
    void instantsRoundTripToTheNanosecondIncludingTheEndOfX509Time() {
        for (String s : List.of("2025-03-01T10:15:30.123456789Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "2025-03-01T10:15:30.100Z")) {
            Instant instant = Instant.parse(s);
            assertThat(Instants.decode(Instants.encode(instant))).isEqualTo(instant);
        }
        assertThat(Instants.encode(Instant.parse("2025-03-01T10:15:30Z"))).isEqualTo("2025-03-01T10:15:30.000000000Z");
        assertThat(Instants.encode(null)).isNull();
    }

    @Test
    void instantTextSortsInTimeOrder() {
        List<Instant> instants = List.of(Instant.parse("2025-03-01T10:15:30Z"), Instant.parse("2025-03-01T10:15:30.5Z"),
                Instant.parse("2025-03-01T10:15:30.000000001Z"), Instant.parse("1999-12-31T23:59:59.999Z"),
                Instant.parse("9999-12-31T23:59:59Z"));
        List<String> byText = new ArrayList<>(instants.stream().map(Instants::encode).toList());
        byText.sort(Comparator.naturalOrder());
        assertThat(byText).containsExactlyElementsOf(instants.stream().sorted().map(Instants::encode).toList());
    }

    @Test
    void serialsHaveOneTextFormEachAndRoundTrip() {
        assertThat(Serials.encode(BigInteger.ONE)).isEqualTo("00000000000000000000000000000001");
        assertThat(Serials.encode(BigInteger.valueOf(0xABCDEF))).isEqualTo("00000000000000000000000000abcdef");
        BigInteger twentyOctets = BigInteger.ONE.shiftLeft(159).add(BigInteger.TEN);
        assertThat(Serials.encode(twentyOctets)).hasSize(40);
        for (BigInteger serial : List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(16), twentyOctets, BigInteger.valueOf(-5))) {
            assertThat(Serials.decode(Serials.encode(serial))).isEqualTo(serial);
        }
        assertThat(Serials.encode(BigInteger.valueOf(-5))).isNotEqualTo(Serials.encode(BigInteger.valueOf(5)));
    }

    @Test
    void subjectValuesComeBackExactlyWhateverTheyContain() {
        CaSubject subject = new CaSubject(List.of(
                Fixtures.entry(SubjectAttribute.COMMON_NAME, "#1 \\ 100% = %0A, \"x\"\nline\r\nend"),
                Fixtures.entry(SubjectAttribute.ORGANIZATION, "%25"),
                Fixtures.entry(SubjectAttribute.COUNTRY, "US")));
        String text = Subjects.encode(subject);
        assertThat(text.lines()).hasSize(3);
        assertThat(Subjects.decode(text, Subjects.custom(subject))).isEqualTo(subject);
    }
}
