package dev.stamp.cli;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthorities;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.ca.RevocationChange;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.PublishedCrl;
import dev.stamp.core.revoke.Revocation;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.store.AuditVerification;
import dev.stamp.core.store.CertificateCursor;
import dev.stamp.core.store.CertificatePage;
import dev.stamp.core.store.CertificateQuery;
import dev.stamp.core.store.CertificateStatus;
import dev.stamp.core.store.ListedCertificate;
import dev.stamp.core.token.ApiToken;
import dev.stamp.core.token.Role;
import org.bouncycastle.cert.X509CertificateHolder;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The commands' work done directly on the data directory, as the local user ("cli" in the audit log). */
final class LocalBackend implements Backend {
    private static final String ACTOR = "cli";
    private final StampHome home;

    LocalBackend(StampHome home) {
        this.home = home;
    }

    StampHome home() {
        return home;
    }

    private CertificateAuthorities cas() {
        return home.pki().authorities();
    }

    @Override
    public String createCa(CaCreation c) {
        var request = new CreateCaRequest(c.type(), CaSubject.parse(c.subject()), KeyAlgorithm.parse(c.keyAlgorithm()),
                c.signingAlgorithm() == null ? null : SigningAlgorithm.parse(c.signingAlgorithm()), c.usageMode(), null);
        Validity v = Validity.parse(c.validity(), home.clock().instant());
        CertificateAuthority ca;
        if (c.external()) {
            if (c.parent() != null) throw new UserError("--external and --parent exclude each other");
            ca = cas().create(request, ACTOR);
        } else if (c.type() == CaType.ROOT) {
            if (c.parent() != null) throw new UserError("a ROOT CA has no --parent");
            ca = c.template() == null ? cas().createRoot(request, v, ACTOR) : createRootWith(request, Template.named(c.template()), v);
        } else {
            if (c.parent() == null) throw new UserError("a SUBORDINATE CA needs --parent CA (or --external to sign it elsewhere)");
            ca = cas().createSubordinate(request, home.ca(c.parent()).id(),
                    Template.named(c.template() == null ? "SubordinateCACertificate_PathLen0/V1" : c.template()), v, ACTOR);
        }
        if (c.makeDefault()) home.setDefaultCa(ca.id());
        return ca.id();
    }

    private CertificateAuthority createRootWith(CreateCaRequest request, Template template, Validity v) {
        CertificateAuthority ca = cas().create(request, ACTOR);
        var own = home.pki().issuance().issue(new IssueRequest(ca.id(), Pem.csr(ca.csr()).getBytes(), null,
                template, v, null, null, null, ACTOR));
        return cas().importCertificate(ca.id(), Pem.encoded(own.certificate()), List.of(), ACTOR);
    }

    @Override
    public List<Views.CaRow> listCas() {
        String def = home.defaultCaId();
        return cas().list().stream().map(ca -> new Views.CaRow(ca.id(), ca.type().name(), ca.status().name(), ca.keyAlgorithm().name(),
                ca.notAfter() == null ? "-" : ca.notAfter().toString(), ca.subject().toString(), ca.id().equals(def))).toList();
    }

    @Override
    public Map<String, Object> showCa(String ca) {
        var view = Output.ca(home.ca(ca), home.defaultCaId());
        view.put("keyVault", home.pki().vault().describe());
        return view;
    }

    @Override
    public String caCsr(String ca) {
        CertificateAuthority authority = home.ca(ca);
        if (authority.csr() == null) throw StampException.invalidState("CA " + authority.id() + " has no CSR");
        return Pem.csr(authority.csr());
    }

    @Override
    public String exportCa(String ca, boolean chain) {
        CertificateAuthority authority = withCertificate(ca);
        return Pem.certificates(chain ? authority.certificateWithChain() : List.of(authority.certificate()));
    }

    @Override
    public byte[] exportCaDer(String ca) {
        return Pem.encoded(withCertificate(ca).certificate());
    }

    private CertificateAuthority withCertificate(String ca) {
        CertificateAuthority authority = home.ca(ca);
        if (authority.certificate() == null) {
            throw new StampException(ErrorCode.INVALID_STATE, "CA " + authority.id() + " is " + authority.status() + " and has no certificate yet");
        }
        return authority;
    }

    @Override
    public String importCa(String ca, byte[] certificate, byte[] chain) {
        CertificateAuthority imported = cas().importCertificate(home.ca(ca).id(), certificate, chain == null ? List.of() : List.of(chain), ACTOR);
        return imported.id() + " " + imported.status();
    }

    @Override
    public String updateRevocation(String ca, RevocationChange change) {
        CertificateAuthority current = home.ca(ca);
        CertificateAuthority changed = cas().updateRevocation(current.id(), change.applyTo(current.revocation()), ACTOR);
        var r = changed.revocation();
        return changed.id() + " crl=" + (r.crlEnabled() ? "on" : "off") + " crl-days=" + r.crlExpirationInDays()
                + (r.crlPartitioned() ? " partitioned" : "") + " ocsp=" + (r.ocspEnabled() ? "on" : "off")
                + " ocsp-signer=" + r.ocspSigning().label();
    }

    @Override
    public String setStatus(String ca, CaStatus status) {
        CertificateAuthority changed = cas().setStatus(home.ca(ca).id(), status, ACTOR);
        return changed.id() + " " + changed.status();
    }

    @Override
    public String deleteCa(String ca, int days) {
        CertificateAuthority deleted = cas().delete(home.ca(ca).id(), days, ACTOR);
        return deleted.id() + " DELETED, restorable until " + deleted.restorableUntil();
    }

    @Override
    public String restoreCa(String ca) {
        CertificateAuthority restored = cas().restore(home.ca(ca).id(), ACTOR);
        return restored.id() + " " + restored.status();
    }

    @Override
    public Views.Issued issue(String ca, byte[] csr, String template, String validity) {
        CertificateAuthority issuer = home.caOrDefault(ca);
        var request = new IssueRequest(issuer.id(), csr, null, Template.named(template), Validity.parse(validity, home.clock().instant()),
                null, null, null, ACTOR);
        IssuedCertificate issued = home.pki().issuance().issue(request);
        List<X509CertificateHolder> chain = issued.chain();
        List<X509CertificateHolder> leafAndIntermediates = new ArrayList<>();
        leafAndIntermediates.add(issued.certificate());
        if (chain.size() > 1) leafAndIntermediates.addAll(chain.subList(0, chain.size() - 1));
        X509CertificateHolder root = chain.isEmpty() ? issued.certificate() : chain.getLast();
        return new Views.Issued(issued.record().serialHex(), issued.record().subject(), Output.names(issued.certificate()).toString(),
                issued.record().notAfter().toString(), Pem.certificates(leafAndIntermediates), Pem.certificate(root));
    }

    @Override
    public Views.CertPage listCertificates(String ca, CertificateStatus status, Instant expiringBefore, String name, int limit, String cursor) {
        Set<String> ids = ca == null ? Set.of() : Set.of(home.ca(ca).id());
        CertificatePage page = home.pki().stores().certificates().query(new CertificateQuery(ids, status, expiringBefore, name,
                home.clock().instant(), limit, cursor == null ? null : CertificateCursor.parse(cursor)));
        List<Views.CertRow> rows = new ArrayList<>();
        for (ListedCertificate l : page.items()) {
            var r = l.record();
            var details = Output.certificate(r);
            details.put("status", l.status().name());
            rows.add(new Views.CertRow(r.serialHex(), l.status().name(), r.notAfter().toString(), r.caId(), r.subject(), details));
        }
        return new Views.CertPage(rows, page.next() == null ? null : page.next().token());
    }

    @Override
    public Views.Cert showCertificate(String serial, String ca) {
        BigInteger number = Serial.parse(serial);
        List<CertificateAuthority> candidates = ca != null ? List.of(home.ca(ca)) : cas().list();
        for (CertificateAuthority authority : candidates) {
            if (home.pki().stores().certificates().find(authority.id(), number).isEmpty()) continue;
            IssuedCertificate c = home.pki().issuance().certificate(authority.id(), number);
            List<X509CertificateHolder> all = new ArrayList<>(List.of(c.certificate()));
            all.addAll(c.chain());
            return new Views.Cert(Output.certificate(c.record()), Pem.certificates(all));
        }
        throw StampException.notFound("no certificate with serial " + serial + (ca != null ? " in CA " + ca : ""));
    }

    @Override
    public Views.Revoked revoke(String serial, String ca, String reason) {
        BigInteger number = Serial.parse(serial);
        RevocationReason why = RevocationReason.parse(reason);
        List<CertificateAuthority> candidates = ca != null ? List.of(home.ca(ca))
                : cas().list().stream().filter(a -> home.pki().stores().certificates().find(a.id(), number).isPresent()).toList();
        if (candidates.isEmpty()) throw StampException.notFound("no certificate with serial " + serial);
        if (candidates.size() > 1) {
            throw new UserError("serial " + serial + " was issued by several CAs " + candidates.stream().map(CertificateAuthority::id).toList()
                    + ": pass --ca");
        }
        Revocation r = home.pki().revocations().revoke(candidates.getFirst().id(), number, why, ACTOR);
        return new Views.Revoked(r.caId(), r.revokedAt().toString(), r.reason().awsName());
    }

    @Override
    public Views.Crl crl(String ca, Integer partition) {
        CertificateAuthority authority = home.caOrDefault(ca);
        PublishedCrl crl = home.pki().crls().current(authority.id(), partition == null ? CrlPartitions.WHOLE : partition);
        return new Views.Crl(authority.id(), crl.der(), crl.number(), crl.entries(), crl.thisUpdate().toString(), crl.nextUpdate().toString());
    }

    @Override
    public List<Views.AuditLine> auditEntries() {
        return home.pki().stores().audit().entries().stream().map(e -> new Views.AuditLine(e.sequence(), e.event().at().toString(),
                e.event().actor(), e.event().action(), e.event().caId(), e.event().target(), e.event().detail())).toList();
    }

    @Override
    public Views.AuditVerdict verifyAudit() {
        AuditVerification v = AuditVerification.of(home.pki().stores().audit());
        return new Views.AuditVerdict(v.intact(), v.entries(), v.head().hash(), v.problem());
    }

    @Override
    public Views.CreatedToken createToken(Role role, List<String> cas, String name, String expires) {
        List<String> ids = cas == null ? List.of() : cas.stream().map(c -> home.ca(c).id()).toList();
        Instant now = home.clock().instant();
        Instant expiresAt = expires == null ? null : dev.stamp.core.token.ApiTokens.expiry("--expires", expires, now);
        var created = home.apiTokens().create(role, ids, name, expiresAt, ACTOR);
        return new Views.CreatedToken(created.token().id(), role.name().toLowerCase(Locale.ROOT), created.secret());
    }

    @Override
    public List<Views.Token> listTokens() {
        Instant now = home.clock().instant();
        return home.apiTokens().list().stream().map(t -> token(t, now)).toList();
    }

    private static Views.Token token(ApiToken t, Instant now) {
        String status = t.revoked() ? "revoked" : t.expired(now) ? "expired" : "valid";
        return new Views.Token(t.id(), t.role().name().toLowerCase(Locale.ROOT), status, t.createdAt().toString(), t.name(), t.caIds(),
                t.expiresAt() == null ? null : t.expiresAt().toString());
    }

    @Override
    public void revokeToken(String id) {
        home.apiTokens().revoke(id, ACTOR);
    }

    @Override
    public void close() {
        home.close();
    }
}
