package dev.stamp.manager.spec;

import java.util.List;

/** {@code spec.subject}: the distinguished name attributes beside the common name. */
public record Subject(List<String> organizations, List<String> countries, List<String> organizationalUnits,
                      List<String> localities, List<String> provinces, List<String> streetAddresses,
                      List<String> postalCodes, String serialNumber) {
    public static final Subject EMPTY = new Subject(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), "");

    public Subject {
        organizations = List.copyOf(organizations);
        countries = List.copyOf(countries);
        organizationalUnits = List.copyOf(organizationalUnits);
        localities = List.copyOf(localities);
        provinces = List.copyOf(provinces);
        streetAddresses = List.copyOf(streetAddresses);
        postalCodes = List.copyOf(postalCodes);
        serialNumber = serialNumber == null ? "" : serialNumber;
    }
}
