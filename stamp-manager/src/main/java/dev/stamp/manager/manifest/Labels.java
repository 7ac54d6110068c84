package dev.stamp.manager.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Kubernetes' label rules (ValidateLabels) with its messages: keys are qualified names, values short and plain. */
final class Labels {
    private static final String QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE = "(" + QUALIFIED_NAME + ")?";
    private static final Pattern QUALIFIED_NAME_PATTERN = Pattern.compile(QUALIFIED_NAME);
    private static final Pattern LABEL_VALUE_PATTERN = Pattern.compile(LABEL_VALUE);
    private static final String NAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and "
            + "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '"
            + QUALIFIED_NAME + "')";

    private Labels() {
    }

    static List<FieldError> validate(Map<String, String> labels, String path) {
        List<FieldError> errors = new ArrayList<>();
        // Sorted, so that several errors come in the same order every time.
        new TreeMap<>(labels).forEach((key, value) -> {
            for (String problem : qualifiedNameErrors(key)) {
                errors.add(FieldError.invalid(path, key, problem));
            }
            if (value.length() > 63) {
                errors.add(FieldError.invalid(path, value, "must be no more than 63 characters"));
            }
            if (!LABEL_VALUE_PATTERN.matcher(value).matches()) {
                errors.add(FieldError.invalid(path, value, "a valid label must be an empty string or consist of alphanumeric "
                        + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
                        + "or 'my_value',  or '12345', regex used for validation is '" + LABEL_VALUE + "')"));
            }
        });
        return errors;
    }

    private static List<String> qualifiedNameErrors(String key) {
        List<String> errors = new ArrayList<>();
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            name = parts[1];
            if (parts[0].isEmpty()) {
                errors.add("prefix part must be non-empty");
            } else {
                Dns1123.subdomainErrors(parts[0]).forEach(p -> errors.add("prefix part " + p));
            }
        } else {
            errors.add("a qualified name " + NAME_RULE + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errors.add("name part must be no more than 63 characters");
        }
        if (!QUALIFIED_NAME_PATTERN.matcher(name).matches()) {
            errors.add("name part " + NAME_RULE);
        }
        return errors;
    }
}
