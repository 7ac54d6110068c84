package dev.stamp.server.aws;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * One JSON input object of an AWS operation, read the way AWS's model validation reads it: a missing required
 * member, a wrong type or a value outside its constraint is a ValidationException naming the member's path
 * (camel-cased, as AWS prints it) and the value. Members Stamp does not know are ignored, as AWS SDKs send new ones.
 */
record Input(JsonNode node, String path) {
    static Input root(JsonNode node) {
        if (node == null || !node.isObject()) throw new AwsException("SerializationException", 400, "the request body must be a JSON object");
        return new Input(node, "");
    }

    private String at(String member) {
        String camel = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return path.isEmpty() ? camel : path + "." + camel;
    }

    boolean has(String member) {
        JsonNode v = node.get(member);
        return v != null && !v.isNull();
    }

    String string(String member, int min, int max) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new AwsException("SerializationException", 400, "member '" + at(member) + "' must be a string");
        String s = v.textValue();
        if (s.length() < min) throw AwsException.validation(at(member), s, "Member must have length greater than or equal to " + min);
        if (s.length() > max) throw AwsException.validation(at(member), abbreviate(s), "Member must have length less than or equal to " + max);
        return s;
    }

    String requiredString(String member, int min, int max) {
        String s = string(member, min, max);
        if (s == null) throw AwsException.validation(at(member), null, "Member must not be null");
        return s;
    }

    Long number(String member, long min, long max) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new AwsException("SerializationException", 400, "member '" + at(member) + "' must be a whole number");
        long n = v.longValue();
        if (n < min) throw AwsException.validation(at(member), n, "Member must have value greater than or equal to " + min);
        if (n > max) throw AwsException.validation(at(member), n, "Member must have value less than or equal to " + max);
        return n;
    }

    Long requiredNumber(String member, long min, long max) {
        Long n = number(member, min, max);
        if (n == null) throw AwsException.validation(at(member), null, "Member must not be null");
        return n;
    }

    Boolean bool(String member) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw new AwsException("SerializationException", 400, "member '" + at(member) + "' must be true or false");
        return v.booleanValue();
    }

    boolean requiredBool(String member) {
        Boolean b = bool(member);
        if (b == null) throw AwsException.validation(at(member), null, "Member must not be null");
        return b;
    }

    <E extends Enum<E>> E enumValue(String member, Class<E> type) {
        String s = string(member, 1, 256);
        if (s == null) return null;
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) names.add(c.name());
            throw AwsException.validation(at(member), s, "Member must satisfy enum value set: " + names);
        }
    }

    <E extends Enum<E>> E requiredEnum(String member, Class<E> type) {
        E e = enumValue(member, type);
        if (e == null) throw AwsException.validation(at(member), null, "Member must not be null");
        return e;
    }

    /** A blob member: base64 in JSON. */
    byte[] blob(String member, int min, int max) {
        String s = string(member, 0, Integer.MAX_VALUE);
        if (s == null) return null;
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new AwsException("SerializationException", 400, "member '" + at(member) + "' is not base64");
        }
        if (bytes.length < min) throw AwsException.validation(at(member), "<" + bytes.length + " bytes>", "Member must have length greater than or equal to " + min);
        if (bytes.length > max) throw AwsException.validation(at(member), "<" + bytes.length + " bytes>", "Member must have length less than or equal to " + max);
        return bytes;
    }

    byte[] requiredBlob(String member, int min, int max) {
        byte[] b = blob(member, min, max);
        if (b == null) throw AwsException.validation(at(member), null, "Member must not be null");
        return b;
    }

    Input object(String member) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw new AwsException("SerializationException", 400, "member '" + at(member) + "' must be an object");
        return new Input(v, at(member));
    }

    Input requiredObject(String member) {
        Input o = object(member);
        if (o == null) throw AwsException.validation(at(member), null, "Member must not be null");
        return o;
    }

    /** The objects of a list member, each with its own path; null when absent. */
    List<Input> objects(String member, int min, int max) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw new AwsException("SerializationException", 400, "member '" + at(member) + "' must be a list");
        if (v.size() < min) throw AwsException.validation(at(member), "<" + v.size() + " items>", "Member must have length greater than or equal to " + min);
        if (v.size() > max) throw AwsException.validation(at(member), "<" + v.size() + " items>", "Member must have length less than or equal to " + max);
        List<Input> out = new ArrayList<>();
        Iterator<JsonNode> it = v.elements();
        for (int i = 0; it.hasNext(); i++) {
            JsonNode item = it.next();
            if (!item.isObject()) throw new AwsException("SerializationException", 400, "items of '" + at(member) + "' must be objects");
            out.add(new Input(item, at(member) + "." + (i + 1) + ".member"));
        }
        return out;
    }

    List<String> strings(String member, int min, int max) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw new AwsException("SerializationException", 400, "member '" + at(member) + "' must be a list");
        if (v.size() < min || v.size() > max) throw AwsException.validation(at(member), "<" + v.size() + " items>", "Member must have length between " + min + " and " + max);
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) throw new AwsException("SerializationException", 400, "items of '" + at(member) + "' must be strings");
            out.add(item.textValue());
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    @Override public String toString() { return path.isEmpty() ? "input" : path.toLowerCase(Locale.ROOT); }
}
