package dev.stamp.core.issue;

import dev.stamp.core.StampException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A requested end of validity, as AWS's Validity {Value, Type}: an end date (UTCTime YYMMDDHHMMSS or
 * GeneralizedTime YYYYMMDDHHMMSS), an absolute Unix time, or a number of days, months or years from issuance.
 */
public record Validity(long value, ValidityType type) {

    public Validity {
        if (type == null) throw StampException.invalidArgument("validity type is missing");
        if (value < 1) throw StampException.invalidArgument("validity value must be at least 1, not " + value);
    }

    public static Validity days(long days) { return new Validity(days, ValidityType.DAYS); }
    public static Validity years(long years) { return new Validity(years, ValidityType.YEARS); }
    public static Validity until(Instant end) { return new Validity(end.getEpochSecond(), ValidityType.ABSOLUTE); }

    private static final Pattern SHORTHAND = Pattern.compile("(\\d+)([hdmy])");

    /** Parses the CLI's shorthand: "90d", "12h", "6m" (months), "10y". */
    public static Validity parse(String text, Instant now) {
        Matcher m = SHORTHAND.matcher(text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw StampException.invalidArgument("validity '" + text + "' is not a number followed by h, d, m or y (e.g. 90d)");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw StampException.invalidArgument("validity '" + text + "' is out of range");
        }
        if (n < 1) throw StampException.invalidArgument("validity '" + text + "' must be at least 1");
        return switch (m.group(2)) {
            case "h" -> until(now.plus(Duration.ofHours(n)));
            case "d" -> new Validity(n, ValidityType.DAYS);
            case "m" -> new Validity(n, ValidityType.MONTHS);
            default -> new Validity(n, ValidityType.YEARS);
        };
    }

    /** The notAfter this validity means for a certificate issued at {@code now}. */
    public Instant notAfter(Instant now) {
        try {
            var utc = now.atOffset(ZoneOffset.UTC);
            return switch (type) {
                case ABSOLUTE -> Instant.ofEpochSecond(value);
                case DAYS -> utc.plusDays(value).toInstant();
                case MONTHS -> utc.plusMonths(value).toInstant();
                case YEARS -> utc.plusYears(value).toInstant();
                case END_DATE -> endDate(Long.toString(value));
            };
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw StampException.invalidArgument("validity " + value + " " + type + " is out of range");
        }
    }

    private static Instant endDate(String digits) {
        DateTimeFormatter f;
        if (digits.length() == 12) {
            // UTCTime: YY >= 50 means 19YY (RFC 5280 4.1.2.5.1).
            int yy = Integer.parseInt(digits.substring(0, 2));
            digits = (yy >= 50 ? "19" : "20") + digits;
        } else if (digits.length() != 14) {
            throw StampException.invalidArgument("END_DATE validity " + digits + " is neither YYMMDDHHMMSS nor YYYYMMDDHHMMSS");
        }
        f = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
        try {
            return LocalDateTime.parse(digits, f).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw StampException.invalidArgument("END_DATE validity " + digits + " is not a valid date");
        }
    }
}
