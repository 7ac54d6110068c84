package dev.stamp.manager.manifest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One YAML mapping of a manifest at a field path, read field by field. Wrong types become field errors (worded as
 * Kubernetes' schema validation words them) and read as absent, so the reader goes on and reports every error at
 * once. A YAML null reads as absent, as Kubernetes treats it. Not thread-safe: one per document.
 */
final class Fields {
    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;
    private final Set<String> read = new HashSet<>();

    private Fields(JsonNode node, String path, List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** The mapping {@code node} at {@code path}; a missing or null node is an absent mapping. */
    static Fields of(JsonNode node, String path, List<FieldError> errors) {
        if (node != null && !node.isNull() && !node.isMissingNode() && !node.isObject()) {
            errors.add(typeError(path, node, "object"));
            return new Fields(null, path, errors);
        }
        return new Fields(node == null || node.isNull() || node.isMissingNode() ? null : node, path, errors);
    }

    boolean present() {
        return node != null;
    }

    String path() {
        return path;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    List<FieldError> errors() {
        return errors;
    }

    void error(FieldError error) {
        errors.add(error);
    }

    /** Whether the field is there and not null. */
    boolean has(String key) {
        read.add(key);
        JsonNode value = node == null ? null : node.get(key);
        return value != null && !value.isNull();
    }

    /** A string field, or null when absent or of another type. */
    String string(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(typeError(child(key), value, "string"));
            return null;
        }
        return value.textValue();
    }

    /** A string field, or "" when absent. */
    String text(String key) {
        String value = string(key);
        return value == null ? "" : value;
    }

    Boolean bool(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            errors.add(typeError(child(key), value, "boolean"));
            return null;
        }
        return value.booleanValue();
    }

    boolean bool(String key, boolean absent) {
        Boolean value = bool(key);
        return value == null ? absent : value;
    }

    Integer integer(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.add(typeError(child(key), value, "integer"));
            return null;
        }
        return value.intValue();
    }

    /** A Go duration field, or null when absent or unparseable (the error names Go's reason). */
    Duration duration(String key) {
        String text = string(key);
        if (text == null) {
            return null;
        }
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.invalid(child(key), text, e.getMessage()));
            return null;
        }
    }

    /** An enum field by its manifest name, or null when absent or not one of {@code values}. */
    <E extends Enum<E>> E oneOf(String key, E[] values) {
        return oneOf(key, values, Enum::name);
    }

    <E> E oneOf(String key, E[] values, Function<E, String> name) {
        String text = string(key);
        if (text == null) {
            return null;
        }
        for (E value : values) {
            if (name.apply(value).equals(text)) {
                return value;
            }
        }
        errors.add(FieldError.notSupported(child(key), text, Arrays.stream(values).map(name).toList()));
        return null;
    }

    List<String> strings(String key) {
        List<JsonNode> items = items(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isTextual()) {
                out.add(item.textValue());
            } else {
                errors.add(typeError(child(key) + "[" + i + "]", item, "string"));
            }
        }
        return out;
    }

    /** A string-to-string map in document order. */
    Map<String, String> stringMap(String key) {
        JsonNode value = value(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!value.isObject()) {
            errors.add(typeError(child(key), value, "object"));
            return out;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (entry.getValue().isTextual()) {
                out.put(entry.getKey(), entry.getValue().textValue());
            } else {
                errors.add(typeError(child(key) + "." + entry.getKey(), entry.getValue(), "string"));
            }
        }
        return out;
    }

    Fields object(String key) {
        return Fields.of(value(key), child(key), errors);
    }

    /** A list of mappings; items of another type are reported and skipped. */
    List<Fields> objects(String key) {
        List<JsonNode> items = items(key);
        List<Fields> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(Fields.of(items.get(i), child(key) + "[" + i + "]", errors));
        }
        return out;
    }

    /** The items of an array field; none when it is absent, and none with a type error when it is not an array. */
    private List<JsonNode> items(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            errors.add(typeError(child(key), value, "array"));
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    /** Marks fields as known but not read (status, or metadata Stamp has no use for). */
    void ignore(String... keys) {
        read.addAll(List.of(keys));
    }

    /** Reports every field of the mapping that no read asked for: a misspelt or unsupported field. */
    void rejectUnknown() {
        if (node == null) {
            return;
        }
        for (String name : (Iterable<String>) node::fieldNames) {
            if (!read.contains(name)) {
                errors.add(FieldError.unknownField(child(name)));
            }
        }
    }

    /** Whether the mapping names the field at all, even with a null value. */
    boolean rawFieldPresent(String key) {
        read.add(key);
        return node != null && node.has(key);
    }

    private JsonNode value(String key) {
        read.add(key);
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** Kubernetes' schema error: {@code spec.dnsNames: Invalid value: "string": spec.dnsNames in body must be of type array: "string"}. */
    static FieldError typeError(String path, JsonNode value, String expected) {
        String actual = switch (value.getNodeType()) {
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            default -> "null";
        };
        return FieldError.invalid(path, actual, path + " in body must be of type " + expected + ": " + GoQuote.quote(actual));
    }
}
