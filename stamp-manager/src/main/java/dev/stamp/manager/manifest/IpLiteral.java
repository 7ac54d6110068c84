package dev.stamp.manager.manifest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals as Go's {@code net.ParseIP} accepts them: dotted-decimal IPv4 without leading zeros, IPv6
 * (with an embedded IPv4 tail) without brackets or zone. Never resolves a name.
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        // Only hex digits, colons and dots reach the JDK, so it parses a literal and never looks a name up.
        if (!text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        int lastColon = text.lastIndexOf(':');
        if (text.indexOf('.') >= 0 && (text.indexOf('.') < lastColon || ipv4(text.substring(lastColon + 1)).isEmpty())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A CIDR range {@code address/prefix}, as Go's {@code net.ParseCIDR} accepts it. */
    public static boolean isCidr(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            return false;
        }
        Optional<InetAddress> address = parse(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (address.isEmpty() || prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)
                || (prefix.length() > 1 && prefix.charAt(0) == '0')) {
            return false;
        }
        int bits = address.get().getAddress().length * 8;
        if (text.indexOf(':') >= 0) {
            bits = 128;
        }
        return Integer.parseInt(prefix) <= bits;
    }

    private static Optional<InetAddress> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
