package dev.stamp.cli;

import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.RevocationChange;
import dev.stamp.core.store.CertificateStatus;
import dev.stamp.core.token.Role;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the commands ask of Stamp, answered either from the data directory ({@link LocalBackend}) or by a server
 * over its REST API ({@link RemoteBackend}), so each command is written once. CA arguments are ids or unique prefixes;
 * null means the default CA. Errors are {@link dev.stamp.core.StampException}s either way, so exit codes match.
 */
interface Backend extends AutoCloseable {

    /** Opens the server given by --server/$STAMP_SERVER, else the data directory. */
    static Backend open(GlobalOptions global) {
        RemoteOptions remote = RemoteOptions.of(global);
        return remote != null ? new RemoteBackend(new RemoteClient(remote)) : new LocalBackend(StampHome.open(global));
    }

    /** Creates a CA per the request; returns its id. */
    String createCa(CaCreation request);

    List<Views.CaRow> listCas();

    Map<String, Object> showCa(String ca);

    String caCsr(String ca);

    /** The CA's certificate, with its chain up to the root when {@code chain}, as PEM. */
    String exportCa(String ca, boolean chain);

    byte[] exportCaDer(String ca);

    /** Returns the CA's id and status after the import. */
    String importCa(String ca, byte[] certificate, byte[] chain);

    /** Returns the CA's revocation configuration as one line. */
    String updateRevocation(String ca, RevocationChange change);

    /** Returns "id STATUS". */
    String setStatus(String ca, CaStatus status);

    /** Returns "id DELETED, restorable until TIME". */
    String deleteCa(String ca, int days);

    String restoreCa(String ca);

    Views.Issued issue(String ca, byte[] csr, String template, String validity);

    Views.CertPage listCertificates(String ca, CertificateStatus status, Instant expiringBefore, String name, int limit, String cursor);

    Views.Cert showCertificate(String serial, String ca);

    Views.Revoked revoke(String serial, String ca, String reason);

    Views.Crl crl(String ca, Integer partition);

    List<Views.AuditLine> auditEntries();

    Views.AuditVerdict verifyAudit();

    /** {@code expires}: "90d" and the like, or null for a token that does not expire. */
    Views.CreatedToken createToken(Role role, List<String> cas, String name, String expires);

    List<Views.Token> listTokens();

    void revokeToken(String id);

    /** What 'ca create' asks for; {@code validity} unused when {@code external}. */
    record CaCreation(dev.stamp.core.ca.CaType type, String subject, String keyAlgorithm, String signingAlgorithm,
                      dev.stamp.core.ca.UsageMode usageMode, String parent, String template, String validity, boolean external,
                      boolean makeDefault) {}

    @Override
    void close();
}
