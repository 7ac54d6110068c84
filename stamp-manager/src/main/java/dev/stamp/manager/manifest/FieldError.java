package dev.stamp.manager.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One validation error, worded as Kubernetes' {@code field.Error} prints it: {@code <field>: <type>[: <value>][: <detail>]},
 * e.g. {@code spec.duration: Invalid value: 30m0s: certificate duration must be greater than 1h0m0s}. {@code badValue}
 * is already rendered (strings quoted as Go's %q, durations in Go's form, numbers bare) and is null when the
 * message omits it.
 */
public record FieldError(Type type, String field, String badValue, String detail) {
    /** Kubernetes' error types, by the words they print. */
    public enum Type {
        REQUIRED("Required value", false),
        INVALID("Invalid value", true),
        NOT_SUPPORTED("Unsupported value", true),
        FORBIDDEN("Forbidden", false),
        TOO_LONG("Too long", false),
        DUPLICATE("Duplicate value", true),
        /** A field the kind does not have: worded as Kubernetes' strict decoding words it. */
        UNKNOWN_FIELD("unknown field", false);

        private final String words;
        private final boolean showsValue;

        Type(String words, boolean showsValue) {
            this.words = words;
            this.showsValue = showsValue;
        }

        public String words() {
            return words;
        }
    }

    public FieldError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(field, "field");
        detail = detail == null ? "" : detail;
    }

    /** The message as {@code kubectl apply} would print it for this field. */
    public String message() {
        if (type == Type.UNKNOWN_FIELD) {
            return "unknown field " + GoQuote.quote(field);
        }
        StringBuilder out = new StringBuilder(field).append(": ").append(type.words);
        if (type.showsValue && badValue != null) {
            out.append(": ").append(badValue);
        }
        if (!detail.isEmpty()) {
            out.append(": ").append(detail);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return message();
    }

    static FieldError required(String field, String detail) {
        return new FieldError(Type.REQUIRED, field, null, detail);
    }

    static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(Type.INVALID, field, render(value), detail);
    }

    /** An invalid value whose value the message leaves out (a whole object, a secret). */
    static FieldError invalidOmitted(String field, String detail) {
        return new FieldError(Type.INVALID, field, null, detail);
    }

    static FieldError notSupported(String field, Object value, List<String> supported) {
        return new FieldError(Type.NOT_SUPPORTED, field, render(value),
                "supported values: " + supported.stream().map(GoQuote::quote).collect(Collectors.joining(", ")));
    }

    static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, null, detail);
    }

    static FieldError tooLong(String field, int maxBytes) {
        return new FieldError(Type.TOO_LONG, field, null, "must have at most " + maxBytes + " bytes");
    }

    static FieldError duplicate(String field, Object value) {
        return new FieldError(Type.DUPLICATE, field, render(value), "");
    }

    static FieldError unknownField(String field) {
        return new FieldError(Type.UNKNOWN_FIELD, field, null, "");
    }

    /** Kubernetes' rendering: strings quoted, durations through their String(), numbers and booleans bare. */
    static String render(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> GoQuote.quote(s);
            case Duration d -> GoDuration.format(d);
            default -> value.toString();
        };
    }
}
