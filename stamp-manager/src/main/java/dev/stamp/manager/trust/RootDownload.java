package dev.stamp.manager.trust;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * Bootstraps trust: downloads the root with a given SHA-256 fingerprint from a Stamp server
 * ({@code GET <server>/roots/<sha256>.crt}) and returns it only when its fingerprint is the one asked for; a
 * mismatch is refused, naming both fingerprints, and trusts nothing.
 */
public final class RootDownload {
    private static final int MAX_BYTES = 64 * 1024;
    private final HttpClient client;

    public RootDownload() {
        this(Duration.ofSeconds(10));
    }

    RootDownload(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).sslContext(acceptAnyServer())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public TrustRoot fetch(URI server, Fingerprint expected) {
        String base = server.toString().replaceAll("/+$", "");
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw StampException.invalidArgument("--server must be an http:// or https:// URL, got '" + server + "'");
        }
        URI url = URI.create(base + "/roots/" + expected.hex() + ".crt");
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Accept", "application/pkix-cert").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (IOException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot download " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StampException(ErrorCode.REQUEST_FAILED, "interrupted while downloading " + url, e);
        }
        if (response.statusCode() == 404) throw StampException.notFound(url + ": the server has no root with fingerprint " + expected);
        if (response.statusCode() != 200) throw new StampException(ErrorCode.REQUEST_FAILED, url + " answered HTTP " + response.statusCode());
        if (body.length > MAX_BYTES) throw StampException.invalidArgument(url + " sent more than " + MAX_BYTES + " bytes: not a root certificate");
        // The fingerprint is compared before anything else is believed about the body, so a substitute is always
        // reported as a mismatch, whatever it is.
        java.util.List<org.bouncycastle.cert.X509CertificateHolder> certs;
        try {
            certs = dev.stamp.core.crypto.Pem.certificates(body);
        } catch (StampException e) {
            throw new StampException(ErrorCode.CERTIFICATE_MISMATCH, "nothing trusted: " + url + " did not send a certificate: " + e.getMessage(), e);
        }
        if (certs.size() != 1) throw new StampException(ErrorCode.CERTIFICATE_MISMATCH, "nothing trusted: " + url + " sent " + certs.size() + " certificates, not one");
        byte[] der = dev.stamp.core.crypto.Pem.encoded(certs.getFirst());
        Fingerprint actual = Fingerprint.of(der);
        if (!actual.equals(expected)) {
            throw new StampException(ErrorCode.CERTIFICATE_MISMATCH, "nothing trusted: the certificate from " + url + " has SHA-256 fingerprint "
                    + actual + ", not the expected " + expected);
        }
        return new TrustRoot(TrustRoot.x509(der));
    }

    /**
     * The download may come over HTTPS from a server whose certificate this machine cannot check yet (its root is
     * what we are fetching). Accepting any server certificate for this one request is safe only because the body
     * is then checked against the fingerprint the user brought out of band: a man in the middle can refuse service,
     * not substitute a root. Hostname checks are off for the same reason (an X509ExtendedTrustManager, so the JDK
     * does not add them back).
     */
    private static SSLContext acceptAnyServer() {
        TrustManager any = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {any}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
