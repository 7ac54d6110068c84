package dev.stamp.manager.spec;

import java.util.List;

/** {@code spec.nameConstraints} (needs isCA); either side may be null. */
public record NameConstraints(boolean critical, Items permitted, Items excluded) {
    /** ipRanges are CIDR strings. */
    public record Items(List<String> dnsDomains, List<String> ipRanges, List<String> emailAddresses, List<String> uriDomains) {
        public Items {
            dnsDomains = List.copyOf(dnsDomains);
            ipRanges = List.copyOf(ipRanges);
            emailAddresses = List.copyOf(emailAddresses);
            uriDomains = List.copyOf(uriDomains);
        }
    }
}
