package dev.stamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.RevocationChange;
import dev.stamp.core.ca.UsageMode;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.store.CertificateStatus;
import dev.stamp.core.token.Role;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The commands' work done by a Stamp server over its REST API, as the token's holder. */
final class RemoteBackend implements Backend {
    private final RemoteClient api;

    RemoteBackend(RemoteClient api) {
        this.api = api;
    }

    private static String path(String ca) {
        return "/cas/" + RemoteClient.encode(ca);
    }

    /**
     * An id, a unique prefix of one the token can see, or (null) the only CA it can see: the server keeps no
     * per-user default CA.
     */
    private String resolve(String ca) {
        List<String> ids = new ArrayList<>();
        api.get("/cas").path("items").forEach(i -> ids.add(i.get("id").asText()));
        if (ca == null) {
            if (ids.size() == 1) return ids.getFirst();
            throw new UserError("pass --ca: in remote mode there is no default CA, and this token sees " + ids.size() + " CAs");
        }
        if (ids.contains(ca)) return ca;
        List<String> matching = ids.stream().filter(id -> id.startsWith(ca)).toList();
        if (matching.size() > 1) throw new UserError("CA prefix '" + ca + "' is ambiguous: " + matching);
        return matching.isEmpty() ? ca : matching.getFirst(); // unknown: the server answers not-found
    }

    @Override
    public String createCa(CaCreation c) {
        if (c.makeDefault()) throw new UserError("--default sets the data directory's default CA; it has no meaning in remote mode");
        if (c.usageMode() != UsageMode.GENERAL_PURPOSE) throw new UserError("--usage-mode is not offered by the REST API yet");
        if (c.external() && c.parent() != null) throw new UserError("--external and --parent exclude each other");
        if (c.type() == CaType.ROOT && c.parent() != null) throw new UserError("a ROOT CA has no --parent");
        if (c.type() == CaType.SUBORDINATE && !c.external() && c.parent() == null) {
            throw new UserError("a SUBORDINATE CA needs --parent CA (or --external to sign it elsewhere)");
        }
        if (c.type() == CaType.ROOT && c.template() != null) throw new UserError("--template for a ROOT CA is not offered by the REST API");
        ObjectNode body = RemoteClient.JSON.createObjectNode().put("type", c.type().name()).put("subject", c.subject())
                .put("keyAlgorithm", c.keyAlgorithm());
        if (c.signingAlgorithm() != null) body.put("signingAlgorithm", c.signingAlgorithm());
        if (c.parent() != null) body.put("parentCaId", resolve(c.parent()));
        if (c.template() != null) body.put("template", c.template());
        if (!c.external()) body.put("validity", c.validity()); // without one the server leaves the CA waiting with a CSR
        return api.send("POST", "/cas", body).get("id").asText();
    }

    @Override
    public List<Views.CaRow> listCas() {
        List<Views.CaRow> rows = new ArrayList<>();
        api.get("/cas").path("items").forEach(ca -> rows.add(new Views.CaRow(ca.get("id").asText(), ca.path("type").asText(),
                ca.path("status").asText(), ca.path("keyAlgorithm").asText(), ca.path("notAfter").asText("-"), ca.path("subject").asText(), false)));
        return rows;
    }

    @Override
    public Map<String, Object> showCa(String ca) {
        JsonNode c = api.get(path(resolve(ca)));
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : List.of("id", "type", "status", "subject", "keyAlgorithm", "signingAlgorithm", "serial", "notBefore", "notAfter")) {
            if (c.hasNonNull(f)) m.put(f, c.get(f).asText());
        }
        if (c.hasNonNull("certificate")) {
            X509CertificateHolder cert = Pem.certificates(c.get("certificate").asText().getBytes(StandardCharsets.US_ASCII)).getFirst();
            m.put("sha256Fingerprint", Output.fingerprint(cert));
            m.put("issuer", cert.getIssuer().toString());
        }
        for (String f : List.of("createdAt", "restorableUntil")) if (c.hasNonNull(f)) m.put(f, c.get(f).asText());
        m.put("crlEnabled", c.path("revocation").path("crlEnabled").asBoolean());
        m.put("ocspEnabled", c.path("revocation").path("ocspEnabled").asBoolean());
        return m;
    }

    @Override
    public String caCsr(String ca) {
        return api.get(path(resolve(ca)) + "/csr").get("csr").asText();
    }

    @Override
    public String exportCa(String ca, boolean chain) {
        return new String(api.getBytes(path(resolve(ca)) + (chain ? "/chain" : "/certificate"), "application/pem-certificate-chain"),
                StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] exportCaDer(String ca) {
        return api.getBytes(path(resolve(ca)) + "/certificate?format=der", "application/pkix-cert");
    }

    @Override
    public String importCa(String ca, byte[] certificate, byte[] chain) {
        ObjectNode body = RemoteClient.JSON.createObjectNode().put("certificate", pem("CERTIFICATE", certificate));
        if (chain != null) body.put("chain", pem("CERTIFICATE", chain));
        JsonNode c = api.send("PUT", path(resolve(ca)) + "/certificate", body);
        return c.get("id").asText() + " " + c.get("status").asText();
    }

    @Override
    public String updateRevocation(String ca, RevocationChange change) {
        Map<String, Object> revocation = new LinkedHashMap<>();
        revocation.put("crlEnabled", change.crlEnabled());
        revocation.put("crlExpirationInDays", change.crlExpirationInDays());
        revocation.put("crlCustomCname", change.crlCustomCname());
        revocation.put("crlOmitExtension", change.crlOmitExtension());
        revocation.put("crlPartitioned", change.crlPartitioned());
        revocation.put("ocspEnabled", change.ocspEnabled());
        revocation.put("ocspCustomCname", change.ocspCustomCname());
        revocation.put("ocspSigner", change.ocspSigning() == null ? null : change.ocspSigning().name());
        revocation.values().removeIf(java.util.Objects::isNull);
        JsonNode c = api.send("PATCH", path(resolve(ca)), Map.of("revocation", revocation));
        JsonNode r = c.get("revocation");
        return c.get("id").asText() + " crl=" + (r.path("crlEnabled").asBoolean() ? "on" : "off") + " crl-days=" + r.path("crlExpirationInDays").asInt()
                + (r.path("crlPartitioned").asBoolean() ? " partitioned" : "") + " ocsp=" + (r.path("ocspEnabled").asBoolean() ? "on" : "off")
                + " ocsp-signer=" + r.path("ocspSigner").asText("CA").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String setStatus(String ca, CaStatus status) {
        JsonNode c = api.send("PATCH", path(resolve(ca)), Map.of("status", status.name()));
        return c.get("id").asText() + " " + c.get("status").asText();
    }

    @Override
    public String deleteCa(String ca, int days) {
        JsonNode c = api.send("DELETE", path(resolve(ca)) + "?days=" + days, null);
        return c.get("id").asText() + " DELETED, restorable until " + c.path("restorableUntil").asText();
    }

    @Override
    public String restoreCa(String ca) {
        JsonNode c = api.send("POST", path(resolve(ca)) + "/restore", null);
        return c.get("id").asText() + " " + c.get("status").asText();
    }

    @Override
    public Views.Issued issue(String ca, byte[] csr, String template, String validity) {
        ObjectNode body = RemoteClient.JSON.createObjectNode().put("csr", pem("CERTIFICATE REQUEST", csr)).put("template", template)
                .put("validity", validity);
        JsonNode c = api.send("POST", path(resolve(ca)) + "/certificates", body);
        X509CertificateHolder leaf = Pem.certificates(c.get("certificate").asText().getBytes(StandardCharsets.US_ASCII)).getFirst();
        List<X509CertificateHolder> chain = certificates(c.path("chain").asText(""));
        List<X509CertificateHolder> leafAndIntermediates = new ArrayList<>(List.of(leaf));
        if (chain.size() > 1) leafAndIntermediates.addAll(chain.subList(0, chain.size() - 1));
        X509CertificateHolder root = chain.isEmpty() ? leaf : chain.getLast();
        return new Views.Issued(c.get("serial").asText(), c.get("subject").asText(), Output.names(leaf).toString(), c.get("notAfter").asText(),
                Pem.certificates(leafAndIntermediates), Pem.certificate(root));
    }

    @Override
    public Views.CertPage listCertificates(String ca, CertificateStatus status, Instant expiringBefore, String name, int limit, String cursor) {
        StringBuilder q = new StringBuilder(ca == null ? "/certificates" : path(resolve(ca)) + "/certificates").append("?limit=").append(limit);
        if (status != null) q.append("&status=").append(status.name());
        if (expiringBefore != null) q.append("&expiringBefore=").append(RemoteClient.encode(expiringBefore.toString()));
        if (name != null) q.append("&name=").append(RemoteClient.encode(name));
        if (cursor != null) q.append("&cursor=").append(RemoteClient.encode(cursor));
        JsonNode page = api.get(q.toString());
        List<Views.CertRow> rows = new ArrayList<>();
        page.path("items").forEach(i -> {
            Map<String, Object> details = new LinkedHashMap<>();
            for (String f : List.of("serial", "caId", "state", "subject", "template", "notBefore", "notAfter", "status")) {
                if (i.hasNonNull(f)) details.put(f, i.get(f).asText());
            }
            rows.add(new Views.CertRow(i.get("serial").asText(), i.path("status").asText(i.path("state").asText()), i.path("notAfter").asText(),
                    i.path("caId").asText(), i.path("subject").asText(), details));
        });
        return new Views.CertPage(rows, page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null);
    }

    @Override
    public Views.Cert showCertificate(String serial, String ca) {
        JsonNode c = find(serial, ca);
        X509CertificateHolder leaf = Pem.certificates(c.get("certificate").asText().getBytes(StandardCharsets.US_ASCII)).getFirst();
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : List.of("serial", "caId", "state", "subject", "template", "notBefore", "notAfter")) {
            if (c.hasNonNull(f)) m.put(f, c.get(f).asText());
        }
        m.put("subjectAlternativeNames", Output.names(leaf));
        m.put("sha256Fingerprint", Output.fingerprint(leaf));
        return new Views.Cert(m, c.get("certificate").asText() + c.path("chain").asText(""));
    }

    /** The certificate in the named CA, else in whichever CA the token sees that has the serial. */
    private JsonNode find(String serial, String ca) {
        String hex = Serial.hex(serial);
        if (ca != null) return api.get(path(resolve(ca)) + "/certificates/" + hex);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode c : api.get("/cas").path("items")) {
            try {
                found.add(api.get(path(c.get("id").asText()) + "/certificates/" + hex));
            } catch (StampException e) {
                if (e.code() != dev.stamp.core.ErrorCode.NOT_FOUND) throw e;
            }
        }
        if (found.isEmpty()) throw StampException.notFound("no certificate with serial " + serial);
        if (found.size() > 1) {
            throw new UserError("serial " + serial + " was issued by several CAs " + found.stream().map(f -> f.get("caId").asText()).toList() + ": pass --ca");
        }
        return found.getFirst();
    }

    @Override
    public Views.Revoked revoke(String serial, String ca, String reason) {
        dev.stamp.core.revoke.RevocationReason.parse(reason); // refuse a bad reason before any request, as locally
        String caId = ca != null ? resolve(ca) : find(serial, null).get("caId").asText();
        JsonNode r = api.send("POST", path(caId) + "/certificates/" + Serial.hex(serial) + "/revoke", Map.of("reason", reason));
        return new Views.Revoked(r.get("caId").asText(), r.get("revokedAt").asText(),
                dev.stamp.core.revoke.RevocationReason.parse(r.get("reason").asText()).awsName());
    }

    @Override
    public Views.Crl crl(String ca, Integer partition) {
        String caId = resolve(ca);
        byte[] der = api.getBytes(path(caId) + "/crl" + (partition == null ? "" : "?partition=" + partition), "application/pkix-crl");
        try {
            X509CRLHolder crl = new X509CRLHolder(der);
            var number = crl.getExtension(Extension.cRLNumber);
            long n = number == null ? -1 : ASN1Integer.getInstance(number.getParsedValue()).longValueExact();
            return new Views.Crl(caId, der, n, crl.getRevokedCertificates().size(), crl.getThisUpdate().toInstant().toString(),
                    crl.getNextUpdate() == null ? "-" : crl.getNextUpdate().toInstant().toString());
        } catch (IOException | RuntimeException e) {
            throw new RemoteClient.ServerError("the server's CRL does not parse: " + e.getMessage());
        }
    }

    @Override
    public List<Views.AuditLine> auditEntries() {
        List<Views.AuditLine> lines = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/audit?limit=1000" + (cursor == null ? "" : "&cursor=" + RemoteClient.encode(cursor)));
            page.path("items").forEach(e -> lines.add(new Views.AuditLine(e.get("sequence").asLong(), e.get("at").asText(), e.get("actor").asText(),
                    e.get("action").asText(), e.get("caId").asText(), e.get("target").asText(), e.get("detail").asText())));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return lines;
    }

    @Override
    public Views.AuditVerdict verifyAudit() {
        JsonNode v = api.send("POST", "/audit/verify", null);
        return new Views.AuditVerdict(v.get("intact").asBoolean(), v.get("entries").asLong(), v.get("headHash").asText(),
                v.hasNonNull("problem") ? v.get("problem").asText() : null);
    }

    @Override
    public Views.CreatedToken createToken(Role role, List<String> cas, String name, String expires) {
        ObjectNode body = RemoteClient.JSON.createObjectNode().put("role", role.name().toLowerCase(Locale.ROOT));
        if (cas != null) cas.forEach(c -> body.withArray("caIds").add(resolve(c)));
        if (name != null) body.put("name", name);
        if (expires != null) body.put("expiresIn", expires);
        JsonNode t = api.send("POST", "/tokens", body);
        return new Views.CreatedToken(t.get("id").asText(), t.get("role").asText(), t.get("secret").asText());
    }

    @Override
    public List<Views.Token> listTokens() {
        List<Views.Token> out = new ArrayList<>();
        api.get("/tokens").path("items").forEach(t -> {
            List<String> cas = new ArrayList<>();
            t.path("caIds").forEach(c -> cas.add(c.asText()));
            out.add(new Views.Token(t.get("id").asText(), t.get("role").asText(), t.get("status").asText().toLowerCase(Locale.ROOT),
                    t.get("createdAt").asText(), t.get("name").asText(), cas, t.hasNonNull("expiresAt") ? t.get("expiresAt").asText() : null));
        });
        return out;
    }

    @Override
    public void revokeToken(String id) {
        api.send("DELETE", "/tokens/" + RemoteClient.encode(id), null);
    }

    /** The API takes PEM text; a DER file is wrapped as PEM. */
    private static String pem(String label, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        return text.stripLeading().startsWith("-----BEGIN") ? text : Pem.encode(label, bytes);
    }

    private static List<X509CertificateHolder> certificates(String pem) {
        return pem.isBlank() ? List.of() : Pem.certificates(pem.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        // the JDK's client holds no resources that outlive the command
    }
}
