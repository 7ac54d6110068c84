package dev.stamp.server.config;

import dev.stamp.core.ocsp.OcspSettings;
import dev.stamp.server.aws.AwsSettings;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code stamp server} can be told, from the YAML config file ({@link SettingsFile}) and the command line
 * (flags override the file, field by field). Unset values are null; {@link #withDefaults()} fills them in.
 *
 * @param ocsp the OCSP responder's validity, refresh, cache and delegated-signer settings
 * @param aws the AWS-compatible API's region and account
 */
public record ServerSettings(Path data, String listen, @JsonProperty("http-listen") String httpListen,
                             @JsonProperty("public-url") String publicUrl, @JsonProperty("passphrase-file") Path passphraseFile,
                             Database database, Tls tls, List<ClientRule> clients, Limits limits,
                             Ocsp ocsp, Aws aws) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:8443";
    public static final String DEFAULT_HTTP_LISTEN = "127.0.0.1:8080";
    /** As the server's context: failed authentications per address, then one more per refill. */
    public static final int DEFAULT_AUTH_FAILURES = 10;
    public static final Duration DEFAULT_AUTH_REFILL = Duration.ofSeconds(6);

    public ServerSettings {
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    /** Nothing set: every value from the defaults. */
    public static ServerSettings none() {
        return new ServerSettings(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Where the database is; the password is read from a file, never given inline, so it cannot leak through the config
     * file, the process list or a log line.
     */
    public record Database(String url, String user, @JsonProperty("password-file") Path passwordFile) {}

    /**
     * The API listener's TLS. Without {@code cert}/{@code key} the server issues its own certificate from the default CA
     * for {@code names} (plus localhost); with them, it serves that chain and reloads it when the files change.
     *
     * @param clientCa PEM CA certificates trusted for client certificates: turns mutual TLS on (wanted, not required)
     */
    public record Tls(List<String> names, Path cert, Path key, @JsonProperty("key-passphrase-file") Path keyPassphraseFile,
                      @JsonProperty("client-ca") Path clientCa, @JsonProperty("reload-check") Duration reloadCheck) {
        public Tls {
            names = names == null ? List.of() : List.copyOf(names);
        }
    }

    /**
     * Maps a client certificate to a role: exactly one of {@code subject} (an X.500 name, compared canonically),
     * {@code dns} or {@code uri} (a subjectAltName entry) says which certificates; {@code cas} names an issuer's CAs.
     */
    public record ClientRule(String subject, String dns, String uri, String role, List<String> cas) {
        public ClientRule {
            cas = cas == null ? List.of() : List.copyOf(cas);
        }
    }

    /**
     * Request limits per caller (token or client certificate): {@code requestsPerSecond} on average with bursts of
     * {@code burst}; {@code authFailures} failed authentications per address, then one per {@code authRefill}.
     */
    public record Limits(@JsonProperty("requests-per-second") Double requestsPerSecond, Integer burst,
                         @JsonProperty("auth-failures") Integer authFailures, @JsonProperty("auth-refill") Duration authRefill) {}

    /**
     * The OCSP responder's settings (see {@link OcspSettings}); each one left out keeps its default.
     */
    public record Ocsp(@JsonProperty("response-validity") Duration responseValidity, @JsonProperty("refresh-after") Double refreshAfter,
                       @JsonProperty("cache-capacity") Integer cacheCapacity, @JsonProperty("presign-recent") Integer presignRecent,
                       @JsonProperty("signer-validity") Duration signerValidity, @JsonProperty("signer-rotate-after") Double signerRotateAfter,
                       @JsonProperty("refresh-interval") Duration refreshInterval) {
        static final Ocsp NONE = new Ocsp(null, null, null, null, null, null, null);

        /** The core's settings, defaults where this leaves a value out; INVALID_ARGUMENT naming a value out of range. */
        public OcspSettings toSettings() {
            OcspSettings d = OcspSettings.defaults();
            return new OcspSettings(or(responseValidity, d.responseValidity()), or(refreshAfter, d.refreshAfter()),
                    or(cacheCapacity, d.cacheCapacity()), or(presignRecent, Math.min(d.presignRecent(), or(cacheCapacity, d.cacheCapacity()))),
                    or(signerValidity, d.signerValidity()), or(signerRotateAfter, d.signerRotateAfter()), or(refreshInterval, d.refreshInterval()));
        }

        Ocsp overriddenBy(Ocsp flags) {
            if (flags == null) return this;
            return new Ocsp(or(flags.responseValidity, responseValidity), or(flags.refreshAfter, refreshAfter), or(flags.cacheCapacity, cacheCapacity),
                    or(flags.presignRecent, presignRecent), or(flags.signerValidity, signerValidity), or(flags.signerRotateAfter, signerRotateAfter),
                    or(flags.refreshInterval, refreshInterval));
        }
    }

    /** The region (in ARNs and the SigV4 scope clients must use) and 12-digit account id of the AWS-compatible API. */
    public record Aws(String region, String account) {}

    /** The file's values with every flag that was given laid over them. */
    public ServerSettings overriddenBy(ServerSettings flags) {
        Tls t = tls == null ? new Tls(null, null, null, null, null, null) : tls;
        Tls f = flags.tls == null ? new Tls(null, null, null, null, null, null) : flags.tls;
        Tls mergedTls = new Tls(f.names().isEmpty() ? t.names() : f.names(), or(f.cert(), t.cert()), or(f.key(), t.key()),
                or(f.keyPassphraseFile(), t.keyPassphraseFile()), or(f.clientCa(), t.clientCa()), or(f.reloadCheck(), t.reloadCheck()));
        Database d = database == null ? new Database(null, null, null) : database;
        Database g = flags.database == null ? new Database(null, null, null) : flags.database;
        return new ServerSettings(or(flags.data, data), or(flags.listen, listen), or(flags.httpListen, httpListen),
                or(flags.publicUrl, publicUrl), or(flags.passphraseFile, passphraseFile),
                new Database(or(g.url(), d.url()), or(g.user(), d.user()), or(g.passwordFile(), d.passwordFile())),
                mergedTls, flags.clients.isEmpty() ? clients : flags.clients, flags.limits == null ? limits : flags.limits,
                (ocsp == null ? Ocsp.NONE : ocsp).overriddenBy(flags.ocsp),
                new Aws(or(flags.aws == null ? null : flags.aws.region(), aws == null ? null : aws.region()),
                        or(flags.aws == null ? null : flags.aws.account(), aws == null ? null : aws.account())));
    }

    /** The listeners, TLS and limits with their defaults where nothing was set. */
    public ServerSettings withDefaults() {
        Tls t = tls == null ? new Tls(null, null, null, null, null, null) : tls;
        Limits l = limits == null ? new Limits(null, null, null, null) : limits;
        return new ServerSettings(data, or(listen, DEFAULT_LISTEN), or(httpListen, DEFAULT_HTTP_LISTEN), publicUrl, passphraseFile,
                database == null ? new Database(null, null, null) : database,
                new Tls(t.names(), t.cert(), t.key(), t.keyPassphraseFile(), t.clientCa(), or(t.reloadCheck(), Duration.ofSeconds(10))),
                clients,
                new Limits(or(l.requestsPerSecond(), RequestRate.DEFAULT.perSecond()), or(l.burst(), RequestRate.DEFAULT.burst()),
                        or(l.authFailures(), DEFAULT_AUTH_FAILURES), or(l.authRefill(), DEFAULT_AUTH_REFILL)),
                ocsp == null ? Ocsp.NONE : ocsp, new Aws(or(aws == null ? null : aws.region(), AwsSettings.DEFAULT_REGION),
                        or(aws == null ? null : aws.account(), AwsSettings.DEFAULT_ACCOUNT)));
    }

    /** The per-caller request rate; call on {@link #withDefaults()}. */
    public RequestRate requestRate() {
        return new RequestRate(limits.requestsPerSecond(), limits.burst());
    }

    private static <T> T or(T first, T second) {
        return first != null ? first : second;
    }
}
