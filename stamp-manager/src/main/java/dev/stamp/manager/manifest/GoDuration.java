package dev.stamp.manager.manifest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration} and {@code time.Duration.String()}, the duration syntax of cert-manager manifests
 * ({@code 2160h}, {@code 1h30m}, {@code 1.5h}; units ns, us, µs, ms, s, m, h; no days). Parse errors carry Go's
 * messages, e.g. {@code time: unknown unit "d" in duration "90d"}, so manifest errors read like cert-manager's.
 * Stateless and thread-safe.
 */
public final class GoDuration {
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** Parses a Go duration; throws {@link IllegalArgumentException} with Go's message when it is not one. */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("time: invalid duration \"\"");
        }
        String quoted = GoQuote.quote(text);
        int i = 0;
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        if (text.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == text.length()) {
            throw new IllegalArgumentException("time: invalid duration " + quoted);
        }
        BigInteger total = BigInteger.ZERO;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            String number = text.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')
                    || !number.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
                throw new IllegalArgumentException("time: invalid duration " + quoted);
            }
            int unitStart = i;
            while (i < text.length() && text.charAt(i) != '.' && !(text.charAt(i) >= '0' && text.charAt(i) <= '9')) {
                i++;
            }
            String unit = text.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + quoted);
            }
            Long nanosPerUnit = UNITS.get(unit);
            if (nanosPerUnit == null) {
                throw new IllegalArgumentException("time: unknown unit " + GoQuote.quote(unit) + " in duration " + quoted);
            }
            // Go truncates the fractional part of each component to whole nanoseconds.
            BigInteger nanos = new BigDecimal(number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(nanosPerUnit)).toBigInteger();
            total = total.add(nanos);
        }
        BigInteger signed = negative ? total.negate() : total;
        if (signed.compareTo(MAX_NANOS) > 0 || signed.compareTo(MIN_NANOS) < 0) {
            throw new IllegalArgumentException("time: invalid duration " + quoted);
        }
        return Duration.ofNanos(signed.longValue());
    }

    /** Formats like Go's {@code Duration.String()}: {@code 2160h0m0s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        // Long.MIN_VALUE has no positive counterpart: work on the unsigned magnitude.
        BigInteger magnitude = BigInteger.valueOf(nanos).abs();
        if (nanos < 0) {
            out.append('-');
        }
        if (magnitude.compareTo(BigInteger.valueOf(1_000_000_000L)) < 0) {
            long small = magnitude.longValue();
            if (small < 1_000) {
                return out.append(small).append("ns").toString();
            }
            if (small < 1_000_000) {
                return out.append(fraction(small, 1_000)).append("\u00b5s").toString();
            }
            return out.append(fraction(small, 1_000_000)).append("ms").toString();
        }
        BigInteger[] secondsAndNanos = magnitude.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        long seconds = secondsAndNanos[0].longValue();
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long secs = seconds % 60;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(fraction(secs * 1_000_000_000L + secondsAndNanos[1].longValue(), 1_000_000_000L)).append('s');
        return out.toString();
    }

    /** {@code value / unit} with the fraction's trailing zeros dropped, as Go prints it. */
    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + rest).substring(1).replaceAll("0+$", "");
        return whole + "." + digits;
    }
}
