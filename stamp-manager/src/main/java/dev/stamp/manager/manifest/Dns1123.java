package dev.stamp.manager.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' name rules with its messages: object and Secret names are DNS-1123 subdomains, namespaces DNS-1123
 * labels. The agent turns both into directory names, so the rules also keep {@code ..} and {@code /} out of paths.
 */
final class Dns1123 {
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN = LABEL + "(\\." + LABEL + ")*";
    private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);
    private static final Pattern SUBDOMAIN_PATTERN = Pattern.compile(SUBDOMAIN);

    private Dns1123() {
    }

    /** The reasons {@code value} is not a DNS-1123 subdomain; empty when it is one. */
    static List<String> subdomainErrors(String value) {
        List<String> out = new ArrayList<>();
        if (value.length() > 253) {
            out.add("must be no more than 253 characters");
        }
        if (!SUBDOMAIN_PATTERN.matcher(value).matches()) {
            out.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                    + "validation is '" + SUBDOMAIN + "')");
        }
        return out;
    }

    /** The reasons {@code value} is not a DNS-1123 label; empty when it is one. */
    static List<String> labelErrors(String value) {
        List<String> out = new ArrayList<>();
        if (value.length() > 63) {
            out.add("must be no more than 63 characters");
        }
        if (!LABEL_PATTERN.matcher(value).matches()) {
            out.add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                    + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                    + "validation is '" + LABEL + "')");
        }
        return out;
    }
}
