package dev.stamp.manager.manifest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * cert-manager's check of {@code spec.emailAddresses}: the value must be a bare RFC 5322 addr-spec. A display-name
 * form ({@code Jane <jane@example.com>}) parses as an address in Go but is refused because it is more than the
 * address. Returns the reason a value is refused, worded after Go's {@code net/mail} errors.
 */
final class MailAddress {
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern DOT_ATOM = Pattern.compile(ATOM + "(\\." + ATOM + ")*");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\\\\\r\\n]|\\\\.)*\"");
    private static final Pattern NAME_ADDR = Pattern.compile("[^<>]*<([^<>]+)>\\s*");
    private static final Pattern COMMENTED = Pattern.compile("(\\S+)\\s*\\([^()]*\\)\\s*");

    private MailAddress() {
    }

    /** Empty when {@code value} is a bare address; otherwise the detail of the validation message. */
    static Optional<String> problem(String value) {
        var nameAddr = NAME_ADDR.matcher(value);
        if (nameAddr.matches()) {
            return addrSpecProblem(nameAddr.group(1).strip()).map(p -> "invalid email address: " + p)
                    .or(() -> Optional.of("invalid email address: make sure the supplied value only contains the email address itself"));
        }
        var commented = COMMENTED.matcher(value);
        if (commented.matches() && addrSpecProblem(commented.group(1)).isEmpty()) {
            return Optional.of("invalid email address: make sure the supplied value only contains the email address itself");
        }
        String trimmed = value.strip();
        Optional<String> problem = addrSpecProblem(trimmed);
        if (problem.isPresent()) {
            return problem.map(p -> "invalid email address: " + p);
        }
        if (!trimmed.equals(value)) {
            return Optional.of("invalid email address: make sure the supplied value only contains the email address itself");
        }
        return Optional.empty();
    }

    private static Optional<String> addrSpecProblem(String text) {
        if (text.isEmpty()) {
            return Optional.of("mail: no address");
        }
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return Optional.of("mail: missing @ in addr-spec");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (local.isEmpty() || !(DOT_ATOM.matcher(local).matches() || QUOTED.matcher(local).matches())) {
            return Optional.of("mail: invalid string");
        }
        if (domain.isEmpty()) {
            return Optional.of("mail: no domain in addr-spec");
        }
        if (!DOT_ATOM.matcher(domain).matches() && !(domain.startsWith("[") && domain.endsWith("]"))) {
            return Optional.of("mail: invalid domain in addr-spec");
        }
        return Optional.empty();
    }
}
