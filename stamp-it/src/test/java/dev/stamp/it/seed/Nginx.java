package dev.stamp.it.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's nginx as a non-daemon process of the test with its own configuration, pid, log and temp files in
 * {@code dir}, serving one HTTPS page on a loopback port from a certificate and key file. The page is answered from
 * the configuration itself, so nginx's workers (nobody, when run as root) need read no file of the test's.
 */
final class Nginx implements AutoCloseable {
    static final String PAGE_TEXT = "Hello from app.private.example.net, served with a Stamp certificate";

    final Path dir;
    final Path conf;
    final Path errorLog;
    final int port;
    private Process process;

    private Nginx(Path dir, Path conf, Path errorLog, int port) {
        this.dir = dir;
        this.conf = conf;
        this.errorLog = errorLog;
        this.port = port;
    }

    /**
     * Writes the configuration (and picks the port) without starting nginx, so that the certificate's reload hook can
     * name it before the certificate exists.
     */
    static Nginx configure(Path dir, String serverName, Path certificate, Path key) {
        try {
            Files.createDirectories(dir.resolve("tmp"));
            int port = freePort();
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, """
                    daemon off;
                    master_process on;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log info;
                    events { worker_connections 64; }
                    http {
                      access_log %1$s/access.log;
                      client_body_temp_path %1$s/tmp/body;
                      proxy_temp_path %1$s/tmp/proxy;
                      fastcgi_temp_path %1$s/tmp/fastcgi;
                      uwsgi_temp_path %1$s/tmp/uwsgi;
                      scgi_temp_path %1$s/tmp/scgi;
                      server {
                        listen 127.0.0.1:%2$d ssl;
                        server_name %3$s;
                        ssl_certificate %4$s;
                        ssl_certificate_key %5$s;
                        location / {
                          default_type text/html;
                          return 200 "<!doctype html><html><head><title>Stamp seed scenario</title></head><body><p id=\\"message\\">%6$s</p></body></html>";
                        }
                      }
                    }
                    """.formatted(dir, port, serverName, certificate, key, PAGE_TEXT));
            return new Nginx(dir, conf, dir.resolve("error.log"), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks the configuration ({@code nginx -t}), starts nginx in the foreground and waits until it accepts connections. */
    void start() {
        Command.run(dir, Map.of(), List.of(program(), "-t", "-c", conf.toString(), "-p", dir.toString(), "-e", errorLog.toString())).ok();
        process = Command.start(dir, Map.of(), List.of(program(), "-c", conf.toString(), "-p", dir.toString(),
                "-e", errorLog.toString()), dir.resolve("nginx.out"));
        Process started = process;
        Waiting.until("nginx to listen on 127.0.0.1:" + port + " (" + errorLog + ")", Duration.ofSeconds(30), () -> {
            if (!started.isAlive()) throw new IllegalStateException("nginx exited with " + started.exitValue() + ": " + ServerProcess.read(errorLog));
            return accepts(port) ? Boolean.TRUE : null;
        });
    }

    /**
     * The command a reload hook runs: signal this nginx's master to re-read its configuration and certificates, when
     * it runs (its pid file exists); the first issuance happens before nginx is started.
     */
    String reloadCommand() {
        return "test ! -e " + dir.resolve("nginx.pid") + " || " + program() + " -s reload -c " + conf + " -p " + dir + " -e " + errorLog;
    }

    /** How many times the master has started reconfiguring (nginx logs each SIGHUP at level notice). */
    long reloads() {
        return ServerProcess.read(errorLog).lines().filter(l -> l.contains("reconfiguring")).count();
    }

    String url(String host) {
        return "https://" + host + ":" + port + "/";
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Debian puts nginx in /usr/sbin, which is not on every user's PATH. */
    static String program() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }

    @Override
    public void close() {
        Command.stop(process);
    }
}
