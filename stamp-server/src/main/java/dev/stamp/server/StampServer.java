package dev.stamp.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stamp.server.auth.Authenticator;
import dev.stamp.server.http.IssuanceMetrics;
import dev.stamp.server.http.Problems;
import dev.stamp.server.http.ProblemType;
import dev.stamp.server.http.PublicRoutes;
import dev.stamp.server.http.RequestIds;
import dev.stamp.server.http.RequestLog;
import dev.stamp.server.ocsp.OcspRefresher;
import dev.stamp.server.ocsp.OcspRoutes;
import dev.stamp.server.rest.RestApi;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Stamp server: the HTTPS API listener (native REST API, token-authenticated) and the plain-HTTP listener
 * (CA certificates, CRLs, OCSP, health, metrics). Handlers run on virtual threads; {@link #close()} stops accepting and lets
 * in-flight requests finish for up to {@link #DRAIN_MILLIS}.
 */
public final class StampServer implements AutoCloseable {
    /** Request bodies above this are refused with 413 before they are read: a CSR is at most 32 KB, a chain a few. */
    public static final long MAX_BODY = 64 * 1024;
    static final long DRAIN_MILLIS = 20_000;

    private final Javalin api;
    private final Javalin http;
    private final TlsRenewal renewal;
    private final ScheduledExecutorService scheduler;

    private final OcspRefresher ocspRefresher;

    private StampServer(Javalin api, Javalin http, TlsRenewal renewal, OcspRefresher ocspRefresher) {
        this.api = api;
        this.http = http;
        this.renewal = renewal;
        this.ocspRefresher = ocspRefresher;
        this.scheduler = renewal == null ? null
                : Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("stamp-tls-renewal").factory());
        if (scheduler != null) scheduler.scheduleWithFixedDelay(renewal::renewIfDue, 1, 1, TimeUnit.HOURS);
    }

    public static StampServer start(ServerContext context) {
        ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        IssuanceMetrics metrics = new IssuanceMetrics();
        RequestIds ids = new RequestIds(context.random());
        Problems problems = new Problems(json);
        Authenticator auth = new Authenticator(context.tokens(), context.pki().stores().audit(), context.clock(),
                context.authFailures(), context.authRefill());
        RestApi rest = new RestApi(context.pki(), json, context.clock(), metrics);
        PublicRoutes publicRoutes = new PublicRoutes(context.pki(), context.defaultCaId(), metrics);
        OcspRoutes ocsp = new OcspRoutes(context.pki().ocsp(), context.clock(), metrics);

        SslContextFactory.Server ssl = tls(context.tls());
        TlsRenewal renewal = context.tlsRenewal() == null ? null : new TlsRenewal(ssl, context.tls(), context.tlsRenewal(), context.clock());
        Javalin http = Javalin.create(common(json, ids, problems, context.http(), config -> {
            publicRoutes.register(config);
            ocsp.register(config);
        }));
        Javalin api = Javalin.create(common(json, ids, problems, context.api(), config -> {
            config.routes.beforeMatched(RestApi.BASE + "/*", auth::check);
            rest.register(config);
            config.jetty.addConnector((server, httpConfig) -> {
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                secure.setSniHostCheck(false); // one certificate for every name the server answers to
                httpConfig.addCustomizer(secure);
                ServerConnector c = new ServerConnector(server, ssl, new HttpConnectionFactory(httpConfig));
                c.setHost(context.api().getHostString());
                c.setPort(context.api().getPort());
                return c;
            });
        }));
        http.start(context.http().getHostString(), context.http().getPort());
        try {
            api.start();
        } catch (RuntimeException e) {
            http.stop();
            throw e;
        }
        return new StampServer(api, http, renewal, OcspRefresher.start(context.pki().ocsp()));
    }

    private static Consumer<JavalinConfig> common(ObjectMapper json, RequestIds ids, Problems problems, InetSocketAddress listen,
                                                  Consumer<JavalinConfig> routes) {
        return config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = MAX_BODY;
            config.jsonMapper(new JavalinJackson(json, true));
            config.jetty.modifyServer(server -> server.setStopTimeout(DRAIN_MILLIS));
            config.routes.before(ctx -> {
                ids.assign(ctx);
                String length = ctx.header("Content-Length");
                if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19 && Long.parseLong(length) > MAX_BODY) {
                    throw new Problems.EdgeException(ProblemType.PAYLOAD_TOO_LARGE, "request bodies are limited to " + MAX_BODY + " bytes");
                }
            });
            config.requestLogger.http(RequestLog::log);
            problems.register(config);
            routes.accept(config);
        };
    }

    private static SslContextFactory.Server tls(TlsMaterial material) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(TlsRenewal.keyStore(material));
        ssl.setKeyStorePassword("");
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        return ssl;
    }

    /** Renews the API certificate now if it is due (the server also checks hourly). */
    boolean renewTlsIfDue() {
        return renewal != null && renewal.renewIfDue();
    }

    /** The HTTPS API listener's port (useful when started on port 0). */
    public int apiPort() {
        return ((ServerConnector) api.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    public int httpPort() {
        return http.port();
    }

    /** Stops both listeners, letting in-flight requests finish first. */
    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdownNow();
        ocspRefresher.close();
        try {
            api.stop();
        } finally {
            http.stop();
        }
    }
}
