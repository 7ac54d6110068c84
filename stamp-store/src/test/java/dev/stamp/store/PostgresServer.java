package dev.stamp.store;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the tests, shared by every test class of the run: the one that {@value #URL_ENV} names,
 * or else a throwaway server started from the Debian binaries in a temporary directory on a free loopback port
 * and stopped when the run ends. Without either the tests fail, naming what to install; they never skip.
 * Inject {@link Running} into a test's constructor or methods. Public for other modules' tests (stamp-store's test-jar).
 */
public final class PostgresServer implements BeforeAllCallback, ParameterResolver {
    static final String URL_ENV = "STAMP_TEST_POSTGRES_URL";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresServer.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context);
    }

    private static Running running(ExtensionContext context) {
        // The root store closes the server when the whole run is over, not after each class.
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, k -> start(), Running.class);
    }

    private static Running start() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) return new Running(url, null);
        try {
            return Throwaway.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start a throwaway PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    /** A server to test against: each test works in a schema of its own, dropped afterwards. */
    public static final class Running implements AutoCloseable {
        private final String url;
        private final Throwaway owned;

        Running(String url, Throwaway owned) {
            this.url = url;
            this.owned = owned;
        }

        /** The URL of a database whose connections work in {@code schema}. */
        public String url(String schema) {
            return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        public void createSchema(String schema) {
            admin("CREATE SCHEMA IF NOT EXISTS " + schema);
        }

        public void dropSchema(String schema) {
            admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }

        private void admin(String sql) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            if (owned != null) owned.stop();
        }
    }

    /**
     * initdb and pg_ctl from /usr/lib/postgresql/VERSION/bin. PostgreSQL refuses to run as root, so as root
     * they run as the postgres OS user (which the Debian package creates) in a directory it owns.
     */
    static final class Throwaway {
        private final Path home;
        private final Path pgCtl;
        private final boolean asPostgres;
        private final Thread stopAtExit;

        private Throwaway(Path home, Path pgCtl, boolean asPostgres) {
            this.home = home;
            this.pgCtl = pgCtl;
            this.asPostgres = asPostgres;
            this.stopAtExit = new Thread(this::stopQuietly, "stop-throwaway-postgresql");
        }

        static Running start() throws IOException, InterruptedException {
            Path bin = binaries(Path.of("/usr/lib/postgresql"));
            boolean root = "root".equals(System.getProperty("user.name"));
            Path home = Files.createTempDirectory("stamp-pg-");
            if (root) {
                try {
                    var postgres = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                    Files.setOwner(home, postgres);
                } catch (IOException e) {
                    throw new IllegalStateException("running as root, the PostgreSQL tests need the 'postgres' OS user "
                            + "(the Debian package postgresql creates it): " + e.getMessage(), e);
                }
            }
            Throwaway server = new Throwaway(home, bin.resolve("pg_ctl"), root);
            Path data = home.resolve("data");
            server.run("initdb", bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "stamp", "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync");
            int port = freePort();
            Runtime.getRuntime().addShutdownHook(server.stopAtExit);
            // fsync off: the server's data is thrown away after the run; the tests are about semantics, not power loss.
            server.run("pg_ctl start", server.pgCtl.toString(), "-D", data.toString(), "-l", home.resolve("server.log").toString(),
                    "-w", "-t", "120", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + home
                            + " -c fsync=off -c full_page_writes=off -c max_connections=100", "start");
            return new Running("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=stamp", server);
        }

        void stop() throws IOException, InterruptedException {
            try {
                run("pg_ctl stop", pgCtl.toString(), "-D", home.resolve("data").toString(), "-m", "fast", "-w", "stop");
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } finally {
                try (Stream<Path> files = Files.walk(home)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }

        private void stopQuietly() {
            try {
                run("pg_ctl stop", pgCtl.toString(), "-D", home.resolve("data").toString(), "-m", "immediate", "stop");
            } catch (Exception ignored) {
                // best effort while the JVM exits
            }
        }

        /** The bin directory of the highest PostgreSQL version under {@code base} (Debian's layout). */
        static Path binaries(Path base) throws IOException {
            List<Path> found = new ArrayList<>();
            if (Files.isDirectory(base)) {
                try (Stream<Path> versions = Files.list(base)) {
                    versions.map(v -> v.resolve("bin"))
                            .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                            .forEach(found::add);
                }
            }
            // Highest major version first: compare numerically, "16" > "9".
            found.sort(Comparator.comparingInt((Path b) -> majorVersion(b.getParent().getFileName().toString())).reversed());
            if (found.isEmpty()) {
                throw new IllegalStateException("the PostgreSQL tests need a PostgreSQL server: set " + URL_ENV
                        + "=jdbc:postgresql://host:port/db?user=...&password=... or install the Debian package postgresql "
                        + "(no " + base + "/*/bin/initdb and pg_ctl were found)");
            }
            return found.getFirst();
        }

        private static int majorVersion(String name) {
            try {
                return Integer.parseInt(name.replaceAll("\\D.*", ""));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }

        /** Output goes to a file, not a pipe: the server that pg_ctl starts would hold a pipe open forever. */
        private void run(String what, String... command) throws IOException, InterruptedException {
            List<String> argv = new ArrayList<>();
            if (asPostgres) argv.addAll(List.of("runuser", "-u", "postgres", "--"));
            argv.addAll(List.of(command));
            Path output = Files.createTempFile("stamp-pg-" + what.replace(' ', '-'), ".log");
            try {
                Process p = new ProcessBuilder(argv).directory(home.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                int exit = p.waitFor();
                if (exit != 0) {
                    String log = home.resolve("server.log").toFile().exists() ? Files.readString(home.resolve("server.log")) : "";
                    throw new IllegalStateException(what + " exited with " + exit + ": " + Files.readString(output)
                            + (log.isEmpty() ? "" : "\nserver log:\n" + log));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }
}
