package dev.stamp.manager.key;

import java.util.regex.Pattern;

/** Recognises IPv4 and IPv6 literals without DNS (InetAddress would resolve a host name). */
final class IpLiterals {
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private IpLiterals() {}

    static boolean isLiteral(String s) {
        if (IPV4.matcher(s).matches()) return true;
        return s.contains(":") && IPV6.matcher(s).matches() && org.bouncycastle.util.IPAddress.isValidIPv6(s);
    }
}
