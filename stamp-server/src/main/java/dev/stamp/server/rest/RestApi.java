package dev.stamp.server.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stamp.core.Pki;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthorities;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.store.CertificatePage;
import dev.stamp.core.store.CertificateQuery;
import dev.stamp.core.token.ApiTokens;
import dev.stamp.server.auth.Authenticator;
import dev.stamp.server.http.ChainPems;
import dev.stamp.server.http.IssuanceMetrics;
import dev.stamp.server.http.RequestBodies;
import dev.stamp.server.revoke.RevocationPropagation;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

import static dev.stamp.server.auth.Permission.ADMIN;
import static dev.stamp.server.auth.Permission.ISSUE;
import static dev.stamp.server.auth.Permission.PUBLIC;
import static dev.stamp.server.auth.Permission.READ;

/**
 * The native REST API under {@code /api/v1}. Each handler maps a request to one core call and its result to a
 * wire record; the core decides, and its errors become problem documents in {@link dev.stamp.server.http.Problems}.
 */
public final class RestApi {
    public static final String BASE = "/api/v1";
    private final Pki pki;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final IssuanceMetrics metrics;
    private final RevocationPropagation propagation;
    private final byte[] openApi;
    private final AuditApi auditApi;
    private final TokenApi tokenApi;
    private final AuditReportApi auditReports;
    private final ChainPems chainPems = new ChainPems();

    public RestApi(Pki pki, ApiTokens tokens, ObjectMapper json, InstantSource clock, IssuanceMetrics metrics, RevocationPropagation propagation) {
        this.pki = pki;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
        this.propagation = propagation;
        this.openApi = resource("openapi.json");
        this.auditApi = new AuditApi(pki.stores().audit());
        this.tokenApi = new TokenApi(tokens, clock, this::body);
        this.auditReports = new AuditReportApi(new dev.stamp.core.ca.CaResources(pki.stores().cas(), pki.stores().caResources(), clock,
                dev.stamp.core.ca.CaResources.Pause.sleeping()));
    }

    /** Reads a request body as one JSON object (shared by the route groups). */
    @FunctionalInterface
    interface Bodies {
        <T> T read(Context ctx, Class<T> type) throws IOException;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get(BASE + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi), PUBLIC);
        r.get(BASE + "/cas", this::listCas, READ);
        r.post(BASE + "/cas", this::createCa, ADMIN);
        r.get(BASE + "/cas/{caId}", ctx -> ctx.json(Mapping.ca(cas().get(ctx.pathParam("caId")))), READ);
        r.patch(BASE + "/cas/{caId}", this::updateCa, ADMIN);
        r.delete(BASE + "/cas/{caId}", this::deleteCa, ADMIN);
        r.post(BASE + "/cas/{caId}/restore", ctx -> ctx.json(Mapping.ca(cas().restore(ctx.pathParam("caId"), actor(ctx)))), ADMIN);
        r.get(BASE + "/cas/{caId}/csr", this::csr, READ);
        r.put(BASE + "/cas/{caId}/certificate", this::importCertificate, ADMIN);
        r.get(BASE + "/cas/{caId}/certificate", this::exportCertificate, READ);
        r.get(BASE + "/cas/{caId}/chain", this::exportChain, READ);
        r.post(BASE + "/cas/{caId}/certificates", this::issue, ISSUE);
        r.get(BASE + "/cas/{caId}/certificates", this::listCertificates, READ);
        r.get(BASE + "/certificates", this::listAllCertificates, READ);
        r.get(BASE + "/cas/{caId}/crl", this::crl, READ);
        r.get(BASE + "/cas/{caId}/certificates/{serial}", this::getCertificate, READ);
        r.post(BASE + "/cas/{caId}/certificates/{serial}/revoke", this::revoke, ISSUE);
        auditApi.register(config);
        auditReports.register(config);
        tokenApi.register(config);
    }

    private CertificateAuthorities cas() {
        return pki.authorities();
    }

    private void listCas(Context ctx) {
        var principal = Authenticator.principal(ctx);
        List<Dtos.Ca> items = cas().list().stream().filter(ca -> principal.covers(ca.id())).map(Mapping::ca).toList();
        ctx.json(new Dtos.CaList(items));
    }

    private void createCa(Context ctx) throws IOException {
        Dtos.CreateCa body = body(ctx, Dtos.CreateCa.class);
        CaType type = Mapping.enumValue(CaType.class, "type", body.type());
        KeyAlgorithm key = KeyAlgorithm.parse(Mapping.required("keyAlgorithm", body.keyAlgorithm()));
        SigningAlgorithm signing = body.signingAlgorithm() == null ? null : Mapping.enumValue(SigningAlgorithm.class, "signingAlgorithm", body.signingAlgorithm());
        var request = new CreateCaRequest(type, CaSubject.parse(Mapping.required("subject", body.subject())), key, signing, null, null);
        Validity validity = Mapping.validity(body.validity(), clock.instant());
        String actor = actor(ctx);
        CertificateAuthority ca;
        if (type == CaType.ROOT && validity != null) {
            ca = cas().createRoot(request, validity, actor);
        } else if (type == CaType.SUBORDINATE && body.parentCaId() != null) {
            if (validity == null) throw StampException.invalidArgument("validity is required to sign a subordinate CA");
            String template = body.template() == null ? "SubordinateCACertificate_PathLen0/V1" : body.template();
            ca = cas().createSubordinate(request, body.parentCaId(), Template.named(template), validity, actor);
        } else {
            // two steps: the CA waits with a CSR for a certificate signed elsewhere (PUT .../certificate)
            ca = cas().create(request, actor);
        }
        ctx.status(201).header("Location", BASE + "/cas/" + ca.id()).json(Mapping.ca(ca));
    }

    private void updateCa(Context ctx) throws IOException {
        Dtos.UpdateCa body = body(ctx, Dtos.UpdateCa.class);
        CaStatus status = body.status() == null ? null : Mapping.enumValue(CaStatus.class, "status", body.status());
        var change = body.revocation() == null ? null : Mapping.change(body.revocation());
        ctx.json(Mapping.ca(cas().update(ctx.pathParam("caId"), status, change == null ? null : change::applyTo, actor(ctx))));
    }

    private void deleteCa(Context ctx) {
        String days = ctx.queryParam("days");
        int n;
        try {
            n = days == null ? CertificateAuthorities.DEFAULT_RESTORE_DAYS : Integer.parseInt(days);
        } catch (NumberFormatException e) {
            throw StampException.invalidArgument("days must be a whole number, not '" + days + "'");
        }
        ctx.json(Mapping.ca(cas().delete(ctx.pathParam("caId"), n, actor(ctx))));
    }

    private void csr(Context ctx) {
        CertificateAuthority ca = cas().get(ctx.pathParam("caId"));
        if (ca.csr() == null) throw StampException.invalidState("CA " + ca.id() + " has no CSR");
        ctx.json(new Dtos.Csr(Pem.csr(ca.csr())));
    }

    private void importCertificate(Context ctx) throws IOException {
        Dtos.ImportCertificate body = body(ctx, Dtos.ImportCertificate.class);
        byte[] cert = Mapping.required("certificate", body.certificate()).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> chain = body.chain() == null ? List.of() : List.of(body.chain().getBytes(StandardCharsets.US_ASCII));
        ctx.json(Mapping.ca(cas().importCertificate(ctx.pathParam("caId"), cert, chain, actor(ctx))));
    }

    private void exportCertificate(Context ctx) {
        CertificateAuthority ca = cas().get(ctx.pathParam("caId"));
        if (ca.certificate() == null) throw StampException.invalidState("CA " + ca.id() + " has no certificate yet");
        if (der(ctx)) ctx.contentType("application/pkix-cert").result(Pem.encoded(ca.certificate()));
        else ctx.contentType("application/pem-certificate-chain").result(Pem.certificate(ca.certificate()));
    }

    private void exportChain(Context ctx) {
        CertificateAuthority ca = cas().get(ctx.pathParam("caId"));
        if (ca.certificate() == null) throw StampException.invalidState("CA " + ca.id() + " has no certificate yet");
        if (der(ctx)) throw StampException.invalidArgument("a chain is served as PEM only; ask for the certificate alone in DER");
        ctx.contentType("application/pem-certificate-chain").result(Pem.certificates(ca.certificateWithChain()));
    }

    private void issue(Context ctx) throws IOException {
        Dtos.Issue body = body(ctx, Dtos.Issue.class);
        String caId = ctx.pathParam("caId");
        String header = ctx.header("Idempotency-Key");
        if (header != null && body.idempotencyKey() != null && !header.equals(body.idempotencyKey())) {
            throw StampException.invalidArgument("the Idempotency-Key header and the idempotencyKey field differ");
        }
        String key = header != null ? header : body.idempotencyKey();
        Template template = Template.named(body.template());
        Validity validity = Mapping.validity(body.validity(), clock.instant());
        if (validity == null) throw StampException.invalidArgument("validity is required, e.g. \"90d\"");
        SigningAlgorithm signing = body.signingAlgorithm() == null ? null : Mapping.enumValue(SigningAlgorithm.class, "signingAlgorithm", body.signingAlgorithm());
        byte[] csr = Mapping.required("csr", body.csr()).getBytes(StandardCharsets.US_ASCII);
        var request = new IssueRequest(caId, csr, signing, template, validity, null, null, key, actor(ctx));
        var issued = metrics.timeIssuance(caId, template.name(), () -> pki.issuance().issue(request));
        ctx.status(201).header("Location", BASE + "/cas/" + caId + "/certificates/" + issued.record().serialHex())
                .json(Mapping.certificate(issued, chainPems));
    }

    private void listCertificates(Context ctx) {
        String caId = ctx.pathParam("caId");
        cas().get(caId); // 404 for an unknown CA rather than an empty list
        listCertificates(ctx, Set.of(caId));
    }

    /** Every CA's certificates, or for an issuer those of its own CAs. */
    private void listAllCertificates(Context ctx) {
        var principal = Authenticator.principal(ctx);
        listCertificates(ctx, principal.role() == dev.stamp.core.token.Role.ISSUER ? Set.copyOf(principal.caIds()) : Set.of());
    }

    private void listCertificates(Context ctx, Set<String> caIds) {
        var query = new CertificateQuery(caIds, ListParams.status(ctx), ListParams.instant(ctx, "expiringBefore"), ctx.queryParam("name"),
                clock.instant(), ListParams.limit(ctx), ListParams.certificateCursor(ctx));
        CertificatePage page = pki.stores().certificates().query(query);
        ctx.json(new Dtos.CertificateList(page.items().stream().map(Mapping::summary).toList(),
                page.next() == null ? null : page.next().token()));
    }

    /** The CA's current CRL (as the plain-HTTP listener serves it), for clients that only reach the API, in DER. */
    private void crl(Context ctx) {
        String text = ctx.queryParam("partition");
        int partition = dev.stamp.core.revoke.CrlPartitions.WHOLE;
        if (text != null) {
            try {
                partition = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw StampException.invalidArgument("partition must be a whole number, not '" + (text.length() > 64 ? text.substring(0, 64) : text) + "'");
            }
        }
        var crl = pki.crls().current(ctx.pathParam("caId"), partition);
        ctx.contentType("application/pkix-crl").header("Cache-Control", "no-cache").result(crl.der());
    }

    private void getCertificate(Context ctx) {
        ctx.json(Mapping.certificate(pki.issuance().certificate(ctx.pathParam("caId"), serial(ctx)), chainPems));
    }

    private void revoke(Context ctx) throws IOException {
        Dtos.Revoke body = body(ctx, Dtos.Revoke.class);
        var reason = dev.stamp.core.revoke.RevocationReason.parse(Mapping.required("reason", body.reason()));
        var revocation = pki.revocations().revoke(ctx.pathParam("caId"), serial(ctx), reason, actor(ctx));
        propagation.revoked(revocation); // OCSP entry dropped, CRL published in the background, counted
        ctx.json(Mapping.revocation(revocation));
    }

    private static BigInteger serial(Context ctx) {
        String serial = ctx.pathParam("serial");
        try {
            BigInteger n = new BigInteger(serial.replace(":", ""), 16);
            if (n.signum() <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw StampException.invalidArgument("serial must be a positive hexadecimal number, not '" + serial + "'");
        }
    }

    private static boolean der(Context ctx) {
        String format = ctx.queryParam("format");
        if (format == null || format.equalsIgnoreCase("pem")) return false;
        if (format.equalsIgnoreCase("der")) return true;
        throw StampException.invalidArgument("format must be pem or der, not '" + format + "'");
    }

    private <T> T body(Context ctx, Class<T> type) throws IOException {
        byte[] bytes = RequestBodies.read(ctx);
        if (bytes.length == 0) throw StampException.invalidArgument("a JSON request body is required");
        T value = json.readValue(bytes, type);
        if (value == null) throw StampException.invalidArgument("a JSON object is required, not null");
        return value;
    }

    private static String actor(Context ctx) {
        return Authenticator.principal(ctx).actor();
    }

    private static byte[] resource(String name) {
        try (InputStream in = RestApi.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
