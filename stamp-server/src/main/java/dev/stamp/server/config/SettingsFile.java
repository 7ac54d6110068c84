package dev.stamp.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Reads {@code stamp server --config FILE}: YAML, strict (an unknown or misspelt key is an error naming the key and
 * the file, never silently ignored), relative paths resolved against the file's directory.
 */
public final class SettingsFile {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule().addDeserializer(Duration.class, new DurationText()))
            .build();

    private SettingsFile() {}

    /** A config file that cannot be used: the message names the file and what is wrong where. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    public static ServerSettings read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new Invalid("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new Invalid("cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file);
    }

    static ServerSettings parse(String text, Path file) {
        if (text.isBlank()) return ServerSettings.none(); // an empty file sets nothing
        ServerSettings s;
        try {
            s = YAML.readValue(text, ServerSettings.class);
        } catch (UnrecognizedPropertyException e) {
            String where = e.getPath().size() > 1 ? " under '" + e.getPath().subList(0, e.getPath().size() - 1).stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]").collect(Collectors.joining(".")) + "'" : "";
            String known = e.getKnownPropertyIds() == null ? "" : " (known keys: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")";
            throw new Invalid("unknown key '" + e.getPropertyName() + "'" + where + " in config file " + file + known);
        } catch (JsonProcessingException e) {
            throw new Invalid("config file " + file + line(e.getLocation()) + ": " + e.getOriginalMessage());
        }
        if (s == null) return ServerSettings.none(); // an empty file sets nothing
        return resolved(s, file.toAbsolutePath().getParent());
    }

    private static String line(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : ", line " + at.getLineNr();
    }

    /** Paths in the file are relative to the file, so a config and its TLS files can move together. */
    private static ServerSettings resolved(ServerSettings s, Path base) {
        var t = s.tls();
        var d = s.database();
        return new ServerSettings(resolve(base, s.data()), s.listen(), s.httpListen(), s.publicUrl(), resolve(base, s.passphraseFile()),
                d == null ? null : new ServerSettings.Database(d.url(), d.user(), resolve(base, d.passwordFile())),
                t == null ? null : new ServerSettings.Tls(t.names(), resolve(base, t.cert()), resolve(base, t.key()),
                        resolve(base, t.keyPassphraseFile()), resolve(base, t.clientCa()), t.reloadCheck()),
                s.clients(), s.limits(), s.ocsp(), s.aws());
    }

    private static Path resolve(Path base, Path p) {
        return p == null || base == null ? p : base.resolve(p);
    }

    /** "10s", "5m", "1h", "2d", "250ms" or ISO-8601 ("PT10S"). */
    static Duration duration(String text) {
        String t = text.strip();
        try {
            if (t.regionMatches(true, 0, "P", 0, 1)) return Duration.parse(t);
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 10s, 5m, 1h, 2d)");
        }
    }

    private static final class DurationText extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return duration(p.getValueAsString());
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(p.getText(), Duration.class, e.getMessage());
            }
        }
    }
}
