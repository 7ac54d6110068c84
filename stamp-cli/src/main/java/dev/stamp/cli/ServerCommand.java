package dev.stamp.cli;

import dev.stamp.core.ocsp.OcspSettings;
import dev.stamp.core.token.Role;
import dev.stamp.server.MutualTls;
import dev.stamp.server.ServerCertificates;
import dev.stamp.server.ServerContext;
import dev.stamp.server.StampServer;
import dev.stamp.server.TlsFiles;
import dev.stamp.server.TlsMaterial;
import dev.stamp.server.aws.AwsApi;
import dev.stamp.server.aws.AwsSettings;
import dev.stamp.server.TlsRefresh;
import dev.stamp.server.auth.ClientCertificates;
import dev.stamp.server.config.ClientRules;
import dev.stamp.server.config.RequestRate;
import dev.stamp.server.config.ServerSettings;
import dev.stamp.server.config.SettingsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code stamp server}: runs the CA server over a data directory, initialising it first when it is empty.
 * Settings come from a YAML config file ({@code --config}) with flags laid over it. The API's TLS certificate is
 * the operator's ({@code --tls-cert}/{@code --tls-key}, reloaded when the files change) or else issued at start by
 * the default CA, its key kept in memory only.
 */
@Command(name = "server", description = "Run the CA server: HTTPS API, plain-HTTP CA certificates, CRLs, OCSP, health and metrics.")
final class ServerCommand implements Callable<Integer> {
    static final String ADMIN_TOKEN_FILE = "admin.token";
    /** Where AWS audit reports are written: {@code <data>/audit-reports/<bucket>/<S3 key>}. */
    static final String AUDIT_REPORTS = "audit-reports";

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin GlobalOptions global;
    @Mixin VaultOptions vault;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see docs/operations.md); flags override its values.")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "HTTPS API listener (default: " + ServerSettings.DEFAULT_LISTEN + ").")
    String listen;

    @Option(names = "--http-listen", paramLabel = "HOST:PORT",
            description = "Plain-HTTP listener for CA certificates, CRLs, OCSP, /healthz, /readyz and /metrics (default: " + ServerSettings.DEFAULT_HTTP_LISTEN + ").")
    String httpListen;

    @Option(names = "--public-url", paramLabel = "URL", description = "Base URL for CA certificate links when initialising (default: http://127.0.0.1:8080).")
    String publicUrl;

    @Option(names = "--tls-name", paramLabel = "NAME", description = "Extra DNS name or IP for the API's own TLS certificate (repeatable).")
    List<String> tlsNames;

    @Option(names = "--aws-region", paramLabel = "REGION",
            description = "Region of the AWS-compatible API: in its ARNs and the SigV4 scope clients must use (default: us-east-1).")
    String awsRegion;

    @Option(names = "--aws-account", paramLabel = "ID",
            description = "12-digit account id in the AWS-compatible API's ARNs (default: 000000000000).")
    String awsAccount;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain (leaf first) for the API instead of its own; reloaded on change.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key of --tls-cert (encrypted or not).")
    Path tlsKey;

    @Option(names = "--tls-key-passphrase-file", paramLabel = "FILE", description = "File holding the passphrase of an encrypted --tls-key.")
    Path tlsKeyPassphraseFile;

    @Option(names = "--client-ca", paramLabel = "FILE",
            description = "PEM CA certificates trusted for client certificates: turns on mutual TLS (map certificates to roles under 'clients:' in --config).")
    Path clientCa;

    /** A started server and the data directory under it; closing stops the server, then closes the directory. */
    record Running(StampServer server, StampHome home, TlsMaterial tls, Path adminTokenFile, ServerSettings settings) implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close(); // drains in-flight requests first
            } finally {
                home.close();
            }
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Running running = start(spec.commandLine().getOut());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } finally {
                // The request log is written by a background appender: stopping logback flushes what it still holds.
                if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) logback.stop();
            }
            stopped.countDown();
        }, "stamp-server-stop"));
        stopped.await();
        return 0;
    }

    /** The config file's settings (if any) with the flags given laid over them, then the defaults. */
    ServerSettings settings() {
        ServerSettings file;
        try {
            file = config == null ? ServerSettings.none() : SettingsFile.read(config);
        } catch (SettingsFile.Invalid e) {
            throw new UserError(e.getMessage());
        }
        ServerSettings flags = new ServerSettings(global.data, listen, httpListen, publicUrl, global.passphraseFile, null,
                new ServerSettings.Tls(tlsNames, tlsCert, tlsKey, tlsKeyPassphraseFile, clientCa, null), null, null, null,
                new ServerSettings.Aws(awsRegion, awsAccount));
        return file.overriddenBy(flags).withDefaults();
    }

    /** Opens (or initialises) the data directory and starts both listeners; prints where they are. */
    Running start(PrintWriter out) {
        ServerSettings settings = settings();
        // The data directory and vault passphrase are options every command shares; the file may set them for the server.
        global.data = settings.data();
        global.passphraseFile = settings.passphraseFile();
        InetSocketAddress api = address("--listen", settings.listen());
        InetSocketAddress http = address("--http-listen", settings.httpListen());
        ServerSettings.Tls tlsSettings = settings.tls();
        if ((tlsSettings.cert() == null) != (tlsSettings.key() == null)) throw new UserError("--tls-cert and --tls-key go together: give both or neither");
        TlsFiles tlsFiles = tlsSettings.cert() == null ? null : new TlsFiles(tlsSettings.cert(), tlsSettings.key(), tlsSettings.keyPassphraseFile());
        TlsMaterial operatorTls = tlsFiles == null ? null : loadTls(tlsFiles); // before anything is initialised: fail fast
        MutualTls mutual = mutualTls(settings);
        RequestRate rate;
        try {
            rate = settings.requestRate();
        } catch (IllegalArgumentException e) {
            throw new UserError("limits: " + e.getMessage());
        }
        if (settings.limits().authFailures() < 1) throw new UserError("limits: auth-failures must be at least 1, not " + settings.limits().authFailures());
        if (!settings.limits().authRefill().isPositive()) throw new UserError("limits: auth-refill must be positive, not " + settings.limits().authRefill());
        if (!tlsSettings.reloadCheck().isPositive()) throw new UserError("tls: reload-check must be positive, not " + tlsSettings.reloadCheck());
        OcspSettings ocsp;
        try {
            ocsp = settings.ocsp().toSettings();
        } catch (dev.stamp.core.StampException e) {
            throw new UserError("ocsp: " + e.getMessage());
        }
        StampHome home = StampHome.initialised(global) ? StampHome.open(global, settings.database(), ocsp) : initialise(settings, ocsp, out);
        try {
            String caId = home.defaultCaId();
            if (caId == null) throw new UserError("no default CA is set: create one with 'stamp ca create' and make it the default");
            for (var rule : settings.clients()) for (String ca : rule.cas()) home.pki().authorities().get(ca); // a named CA must exist
            var tokens = home.apiTokens();
            Path tokenFile = home.dir().resolve(ADMIN_TOKEN_FILE);
            if (tokens.list().isEmpty()) writeAdminToken(tokenFile, tokens.create(Role.ADMIN, List.of(), "first admin", "stamp server").secret());
            TlsMaterial tls;
            TlsRefresh refresh;
            if (tlsFiles != null) {
                tls = operatorTls;
                refresh = TlsRefresh.watching(tlsFiles, tlsSettings.reloadCheck());
            } else {
                List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
                if (!names.contains(api.getHostString()) && !api.getHostString().equals("0.0.0.0")) names.add(api.getHostString());
                names.addAll(tlsSettings.names());
                tls = ServerCertificates.issue(home.pki(), caId, names, home.random());
                refresh = TlsRefresh.renewing(() -> ServerCertificates.issue(home.pki(), caId, names, home.random()));
            }
            var limits = settings.limits();
            var context = new ServerContext(home.pki(), tokens, home.clock(), home.random(), caId, api, http, tls,
                    limits.authFailures(), limits.authRefill(), refresh, mutual, rate);
            var awsSettings = new AwsSettings(settings.aws().region(), settings.aws().account());
            StampServer server = StampServer.start(context, new AwsApi(home.accessKeys(), awsSettings, home.dir().resolve(AUDIT_REPORTS)));
            out.println("Stamp server running");
            out.println("  API:   https://" + api.getHostString() + ":" + server.apiPort() + "/api/v1"
                    + (tlsFiles != null ? "  (TLS from " + tlsFiles.cert() + ")" : "") + (mutual != null ? "  (client certificates wanted)" : ""));
            out.println("  AWS:   https://" + api.getHostString() + ":" + server.apiPort() + "  (AWS Private CA and STS, region " + awsSettings.region() + ")");
            out.println("  HTTP:  http://" + http.getHostString() + ":" + server.httpPort() + "  (/ca/{id}.cer, /crl, /ocsp, /healthz, /readyz, /metrics)");
            out.println("  root SHA-256 fingerprint: " + Output.fingerprint(home.pki().authorities().get(caId).certificateWithChain().getLast()));
            if (Files.exists(tokenFile)) out.println("  admin token: " + tokenFile.toAbsolutePath());
            out.flush();
            return new Running(server, home, tls, tokenFile, settings);
        } catch (RuntimeException e) {
            home.close();
            throw e;
        }
    }

    private static TlsMaterial loadTls(TlsFiles files) {
        try {
            return files.load();
        } catch (TlsFiles.Unusable e) {
            throw new UserError(e.getMessage());
        }
    }

    private static MutualTls mutualTls(ServerSettings settings) {
        Path caFile = settings.tls().clientCa();
        ClientCertificates rules;
        try {
            rules = ClientRules.of(settings.clients());
        } catch (IllegalArgumentException e) {
            throw new UserError("config file: " + e.getMessage());
        }
        if (caFile == null) {
            if (!rules.isEmpty()) throw new UserError("client certificate rules (clients:) need the client CA certificates: --client-ca FILE or tls.client-ca");
            return null;
        }
        try {
            List<X509Certificate> trusted = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(caFile))).stream().map(X509Certificate.class::cast).toList();
            if (trusted.isEmpty()) throw new UserError("--client-ca " + caFile + " holds no PEM certificate");
            return new MutualTls(trusted, rules);
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new UserError("cannot read the client CA certificates " + caFile + ": " + e.getMessage());
        }
    }

    private StampHome initialise(ServerSettings settings, OcspSettings ocsp, PrintWriter out) {
        StampHome home = StampHome.initialise(global, vault, settings.database().url(), settings.publicUrl(), settings.database(), ocsp);
        try {
            InitCommand.hierarchy(home, "Stamp", "EC_secp384r1", "EC_prime256v1", out);
            return home;
        } catch (RuntimeException e) {
            home.close();
            throw e;
        }
    }

    /** Owner-only from its creation: the token must never be readable by anyone else, even briefly. */
    private static void writeAdminToken(Path file, String secret) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static InetSocketAddress address(String option, String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1) throw new UserError(option + " must be HOST:PORT, not '" + text + "'");
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return InetSocketAddress.createUnresolved(host, port);
        } catch (NumberFormatException e) {
            throw new UserError(option + " port must be 0 to 65535, not '" + text.substring(colon + 1) + "'");
        }
    }
}
