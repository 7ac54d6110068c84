package dev.stamp.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stamp.server.auth.Authenticator;
import dev.stamp.server.aws.AwsApi;
import dev.stamp.server.aws.AwsRoutes;
import dev.stamp.server.auth.ClientCertificates;
import dev.stamp.server.auth.RevocationCheck;
import dev.stamp.server.http.ExpiryGauges;
import dev.stamp.server.http.IssuanceMetrics;
import dev.stamp.server.http.Problems;
import dev.stamp.server.http.ProblemType;
import dev.stamp.server.http.PublicRoutes;
import dev.stamp.server.http.RequestBodies;
import dev.stamp.server.http.RootCertificates;
import dev.stamp.server.http.RequestIds;
import dev.stamp.server.http.RequestLog;
import dev.stamp.server.http.RevocationMetrics;
import dev.stamp.server.revoke.RevocationPropagation;
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
 * (CA certificates, CRLs, OCSP, health, metrics), and the background work that propagates revocations
 * ({@link RevocationPropagation}). Handlers run on virtual threads; {@link #close()} stops accepting and lets
 * in-flight requests finish for up to {@link #DRAIN_MILLIS}.
 */
public final class StampServer implements AutoCloseable {
    /** Request bodies above this are refused with 413 before they are read: a CSR is at most 32 KB, a chain a few. */
    public static final long MAX_BODY = 64 * 1024;
    static final long DRAIN_MILLIS = 20_000;

    private final Javalin api;
    private final Javalin http;
    private final TlsRenewal renewal;
    private final ExpiryGauges expiry;
    private final ScheduledExecutorService scheduler;
    private final RevocationPropagation propagation;

    private final OcspRefresher ocspRefresher;

    private StampServer(Javalin api, Javalin http, TlsRenewal renewal, ExpiryGauges expiry, RevocationPropagation propagation,
                        OcspRefresher ocspRefresher) {
        this.api = api;
        this.http = http;
        this.renewal = renewal;
        this.expiry = expiry;
        this.propagation = propagation;
        this.ocspRefresher = ocspRefresher;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("stamp-server-background").factory());
        if (renewal != null) {
            long every = renewal.checkEvery().toMillis();
            scheduler.scheduleWithFixedDelay(renewal::renewIfDue, every, every, TimeUnit.MILLISECONDS);
        }
        long gauges = ExpiryGauges.REFRESH_EVERY.toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshExpiryGauges, 0, gauges, TimeUnit.MILLISECONDS);
    }

    public static StampServer start(ServerContext context) {
        return start(context, null);
    }

    /** With the AWS-compatible endpoint ({@code POST /}: AWS Private CA JSON and STS) on the API listener; null for none. */
    public static StampServer start(ServerContext context, AwsApi aws) {
        ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        IssuanceMetrics metrics = new IssuanceMetrics();
        RequestIds ids = new RequestIds(context.random());
        Problems problems = new Problems(json);
        Authenticator auth = new Authenticator(context.tokens(), context.pki().stores().audit(), context.clock(),
                context.authFailures(), context.authRefill(),
                context.mutualTls() == null ? ClientCertificates.NONE : context.mutualTls().rules(),
                context.mutualTls() == null ? RevocationCheck.NONE : new ClientRevocations(context.pki()), context.requestRate());
        ExpiryGauges expiry = new ExpiryGauges(context.pki(), context.clock(), metrics);
        RevocationPropagation propagation = new RevocationPropagation(context.pki(), context.clock(),
                new RevocationMetrics(metrics.registry()));
        RestApi rest = new RestApi(context.pki(), context.tokens(), json, context.clock(), metrics, propagation);
        PublicRoutes publicRoutes = new PublicRoutes(context.pki(), context.defaultCaId(), metrics, propagation, context.clock());
        RootCertificates roots = new RootCertificates(context.pki());
        OcspRoutes ocsp = new OcspRoutes(context.pki().ocsp(), context.clock(), metrics);

        SslContextFactory.Server ssl = tls(context.tls(), context.mutualTls());
        TlsRenewal renewal = context.tlsRefresh() == null ? null : new TlsRenewal(ssl, context.tls(), context.tlsRefresh(), context.clock());
        Javalin http = Javalin.create(common(json, ids, problems, context.http(), config -> {
            publicRoutes.register(config);
            roots.register(config);
            ocsp.register(config);
            // Before Javalin's handler: Javalin nests its servlet context inside a wrapper it finds on the server.
            config.jetty.modifyServer(server -> server.setHandler(ocsp.getHandler(ids)));
            // Jetty's own pool of platform threads: these handlers are short (a kept OCSP answer, a stored CRL), and
            // handing each request to a virtual thread cost ~10% more CPU per OCSP GET in ocsp-cpu.sh A/B runs.
            config.concurrency.useVirtualThreads = false;
        }));
        Javalin api = Javalin.create(common(json, ids, problems, context.api(), config -> {
            config.routes.beforeMatched(RestApi.BASE + "/*", auth::check);
            rest.register(config);
            roots.register(config); // also here, for clients that reach only the API listener
            if (aws != null) new AwsRoutes(context.pki(), aws, context.clock(), propagation::revoked, auth.failures()).register(config);
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
            propagation.close();
            throw e;
        }
        propagation.start(RevocationPropagation.DEFAULT_INTERVAL);
        return new StampServer(api, http, renewal, expiry, propagation, OcspRefresher.start(context.pki().ocsp()));
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
                    RequestBodies.drainRefused(ctx, Long.parseLong(length));
                    throw new Problems.EdgeException(ProblemType.PAYLOAD_TOO_LARGE, "request bodies are limited to " + MAX_BODY + " bytes");
                }
            });
            config.requestLogger.http(RequestLog::log);
            problems.register(config);
            routes.accept(config);
        };
    }

    private static SslContextFactory.Server tls(TlsMaterial material, MutualTls mutual) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(TlsRenewal.keyStore(material));
        ssl.setKeyStorePassword("");
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        if (mutual != null) {
            // Wanted, not needed: callers without a certificate still authenticate with a token.
            ssl.setWantClientAuth(true);
            ssl.setTrustStore(trustStore(mutual));
        }
        return ssl;
    }

    private static java.security.KeyStore trustStore(MutualTls mutual) {
        try {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < mutual.trusted().size(); i++) store.setCertificateEntry("client-ca-" + i, mutual.trusted().get(i));
            return store;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the client CA certificates: " + e.getMessage(), e);
        }
    }

    /** Renews the API certificate (or reloads its files) now if it is due (the server also checks periodically). */
    boolean renewTlsIfDue() {
        return renewal != null && renewal.renewIfDue();
    }

    /** Recomputes the certificate expiry gauges now (the server also does every few minutes). */
    void refreshExpiryGauges() {
        try {
            expiry.refresh();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(StampServer.class).warn("could not refresh the certificate expiry gauges: {}", e.toString());
        }
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
        scheduler.shutdownNow();
        ocspRefresher.close();
        try {
            api.stop();
        } finally {
            try {
                http.stop();
            } finally {
                propagation.close();
            }
        }
    }
}
