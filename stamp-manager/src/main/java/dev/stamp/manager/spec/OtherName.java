package dev.stamp.manager.spec;

/** An entry of {@code spec.otherNames}: a SAN otherName with a UTF8String value (e.g. a UPN, 1.3.6.1.4.1.311.20.2.3). */
public record OtherName(String oid, String utf8Value) {
}
