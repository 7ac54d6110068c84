package dev.stamp.manager.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The address syntaxes Go's net.ParseIP, net.ParseCIDR and net/mail accept, as cert-manager's webhook uses them. */
class SanSyntaxTest {
    @ParameterizedTest(name = "{0} is an IP address")
    @ValueSource(strings = {"10.0.0.1", "0.0.0.0", "255.255.255.255", "::", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.1"})
    void acceptsIpLiterals(String text) {
        assertThat(IpLiteral.parse(text)).isPresent();
    }

    @ParameterizedTest(name = "{0} is not an IP address")
    @ValueSource(strings = {"", "10.0.0", "10.0.0.256", "010.0.0.1", "1.2.3.4.5", "localhost", "[::1]", "fe80::1%eth0",
            "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3", "10.0.0.1/8", "1::2::3"})
    void refusesWhatIsNotAnIpLiteral(String text) {
        assertThat(IpLiteral.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is a CIDR range: {1}")
    @CsvSource({"10.0.0.0/8, true", "10.0.0.0/32, true", "10.0.0.0/33, false", "2001:db8::/32, true", "2001:db8::/129, false",
            "10.0.0.0, false", "10.0.0.0/, false", "10.0.0.0/08, false"})
    void checksCidrRanges(String text, boolean valid) {
        assertThat(IpLiteral.isCidr(text)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} is a bare address")
    @ValueSource(strings = {"ops@example.net", "first.last+tag@sub.example.net", "\"odd name\"@example.net", "x@[192.0.2.1]"})
    void acceptsBareAddresses(String text) {
        assertThat(MailAddress.problem(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "Ops <ops@example.net>      | invalid email address: make sure the supplied value only contains the email address itself",
            "<ops@example.net>          | invalid email address: make sure the supplied value only contains the email address itself",
            "ops@example.net (Ops team) | invalid email address: make sure the supplied value only contains the email address itself",
            "ops                        | invalid email address: mail: missing @ in addr-spec",
            "ops@                       | invalid email address: mail: no domain in addr-spec",
            "a..b@example.net           | invalid email address: mail: invalid string",
            "ops@exa mple.net           | invalid email address: mail: invalid domain in addr-spec",
    })
    void refusesAnythingButABareAddress(String text, String problem) {
        assertThat(MailAddress.problem(text)).contains(problem);
    }
}
