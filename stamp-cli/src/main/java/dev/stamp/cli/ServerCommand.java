package dev.stamp.cli;

import dev.stamp.core.token.Role;
import dev.stamp.server.ServerCertificates;
import dev.stamp.server.ServerContext;
import dev.stamp.server.StampServer;
import dev.stamp.server.TlsMaterial;
import dev.stamp.server.auth.FailureLimiter;
import dev.stamp.server.aws.AwsRoutes;
import dev.stamp.server.aws.AwsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code stamp server}: runs the CA server over a data directory, initialising it first when it is empty.
 * The API's TLS certificate is issued at start by the default CA, its key kept in memory only.
 */
@Command(name = "server", description = "Run the CA server: HTTPS API, plain-HTTP CA certificates, health and metrics.")
final class ServerCommand implements Callable<Integer> {
    static final String ADMIN_TOKEN_FILE = "admin.token";
    /** Where AWS audit reports are written: {@code <data>/audit-reports/<bucket>/<S3 key>}. */
    static final String AUDIT_REPORTS = "audit-reports";

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin GlobalOptions global;
    @Mixin VaultOptions vault;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8443", description = "HTTPS API listener (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--http-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Plain-HTTP listener for /ca/{id}.cer, /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}).")
    String httpListen;

    @Option(names = "--public-url", paramLabel = "URL", description = "Base URL for CA certificate links when initialising (default: http://127.0.0.1:8080).")
    String publicUrl;

    @Option(names = "--tls-name", paramLabel = "NAME", description = "Extra DNS name or IP for the API's TLS certificate (repeatable).")
    List<String> tlsNames;

    @Option(names = "--aws-region", paramLabel = "REGION", defaultValue = AwsSettings.DEFAULT_REGION,
            description = "Region of the AWS-compatible API: in its ARNs and the SigV4 scope clients must use (default: ${DEFAULT-VALUE}).")
    String awsRegion;

    @Option(names = "--aws-account", paramLabel = "ID", defaultValue = AwsSettings.DEFAULT_ACCOUNT,
            description = "12-digit account id in the AWS-compatible API's ARNs (default: ${DEFAULT-VALUE}).")
    String awsAccount;

    /** A started server and the data directory under it; closing stops the server, then closes the directory. */
    record Running(StampServer server, StampHome home, TlsMaterial tls, Path adminTokenFile) implements AutoCloseable {
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
            running.close();
            stopped.countDown();
        }, "stamp-server-stop"));
        stopped.await();
        return 0;
    }

    /** Opens (or initialises) the data directory and starts both listeners; prints where they are. */
    Running start(PrintWriter out) {
        StampHome home = StampHome.initialised(global) ? StampHome.open(global) : initialise(out);
        try {
            String caId = home.defaultCaId();
            if (caId == null) throw new UserError("no default CA is set: create one with 'stamp ca create' and make it the default");
            var tokens = home.apiTokens();
            Path tokenFile = home.dir().resolve(ADMIN_TOKEN_FILE);
            if (tokens.list().isEmpty()) writeAdminToken(tokenFile, tokens.create(Role.ADMIN, List.of(), "first admin", "stamp server").secret());
            InetSocketAddress api = address("--listen", listen);
            InetSocketAddress http = address("--http-listen", httpListen);
            List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
            if (!names.contains(api.getHostString()) && !api.getHostString().equals("0.0.0.0")) names.add(api.getHostString());
            if (tlsNames != null) names.addAll(tlsNames);
            TlsMaterial tls = ServerCertificates.issue(home.pki(), caId, names, home.random());
            var context = new ServerContext(home.pki(), tokens, home.clock(), home.random(), caId, api, http, tls,
                    () -> ServerCertificates.issue(home.pki(), caId, names, home.random()));
            var aws = new AwsRoutes(home.pki(), home.accessKeys(), home.caResources(), new AwsSettings(awsRegion, awsAccount), home.clock(),
                    new FailureLimiter(home.clock(), ServerContext.DEFAULT_AUTH_FAILURES, ServerContext.DEFAULT_AUTH_REFILL),
                    home.dir().resolve(AUDIT_REPORTS));
            StampServer server = StampServer.start(context, aws);
            out.println("Stamp server running");
            out.println("  API:   https://" + api.getHostString() + ":" + server.apiPort() + "/api/v1");
            out.println("  AWS:   https://" + api.getHostString() + ":" + server.apiPort() + "  (AWS Private CA and STS, region " + awsRegion + ")");
            out.println("  HTTP:  http://" + http.getHostString() + ":" + server.httpPort() + "  (/ca/{id}.cer, /healthz, /readyz, /metrics)");
            out.println("  root SHA-256 fingerprint: " + Output.fingerprint(home.pki().authorities().get(caId).certificateWithChain().getLast()));
            if (Files.exists(tokenFile)) out.println("  admin token: " + tokenFile.toAbsolutePath());
            out.flush();
            return new Running(server, home, tls, tokenFile);
        } catch (RuntimeException e) {
            home.close();
            throw e;
        }
    }

    private StampHome initialise(PrintWriter out) {
        StampHome home = StampHome.initialise(global, vault, null, publicUrl);
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
