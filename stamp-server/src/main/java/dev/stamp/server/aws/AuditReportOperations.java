package dev.stamp.server.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stamp.core.Pki;
import dev.stamp.core.ca.AuditReport;
import dev.stamp.core.ca.CaResources;
import dev.stamp.core.issue.Template;
import dev.stamp.core.revoke.Revocation;
import dev.stamp.core.store.CertificateCursor;
import dev.stamp.core.store.CertificatePage;
import dev.stamp.core.store.CertificateQuery;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.store.CertificateStatus;
import dev.stamp.core.store.ListedCertificate;
import dev.stamp.server.auth.Permission;
import dev.stamp.server.aws.AwsOperation.Caller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * CreateCertificateAuthorityAuditReport and DescribeCertificateAuthorityAuditReport: every certificate the CA issued,
 * with its revocation, as AWS's JSON or CSV report. The report is kept in the database (every replica serves it) and,
 * when the server has a data directory, also written to {@code <dir>/<bucket>/<S3 key>}; the bucket name is a label.
 */
final class AuditReportOperations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
    private static final List<String> COLUMNS = List.of("awsAccountId", "requestedByServicePrincipal", "certificateArn", "serial", "subject",
            "notBefore", "notAfter", "issuedAt", "revokedAt", "revocationReason", "templateArn");

    private final Pki pki;
    private final CaResources resources;
    private final Arns arns;
    private final AwsSettings settings;
    private final InstantSource clock;
    private final Path dir;
    private static final int PAGE = 1000;

    AuditReportOperations(Pki pki, CaResources resources, Arns arns, AwsSettings settings, InstantSource clock, Path dir) {
        this.pki = pki;
        this.resources = resources;
        this.arns = arns;
        this.settings = settings;
        this.clock = clock;
        this.dir = dir;
    }

    List<AwsOperation> operations() {
        return List.of(
                new AwsOperation("CreateCertificateAuthorityAuditReport", Permission.AUDIT, this::create),
                new AwsOperation("DescribeCertificateAuthorityAuditReport", Permission.READ, this::describe));
    }

    private ObjectNode create(Input in, Caller caller) {
        String caId = arns.caId(in.requiredString("CertificateAuthorityArn", 5, 200));
        String bucket = in.requiredString("S3BucketName", 3, 63);
        if (!bucket.matches("[a-z0-9][a-z0-9.-]*[a-z0-9]")) {
            throw new AwsException("InvalidArgsException", 400, "S3BucketName '" + bucket + "' is not a bucket name (lowercase letters, digits, '.' and '-')");
        }
        AuditReport.Format format = in.requiredEnum("AuditReportResponseFormat", AuditReport.Format.class);
        Optional<AuditReport> recent = resources.recentReport(caId);
        if (recent.isPresent()) return answer(recent.get());
        String id = UUID.randomUUID().toString();
        String key = "audit-report/" + caId + "/" + id + "." + format.name().toLowerCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        AuditReport report = new AuditReport(caId, id, format, bucket, key, now, content(caId, format));
        resources.saveReport(report, caller.actor());
        if (dir != null) write(report);
        return answer(report);
    }

    private ObjectNode answer(AuditReport r) {
        return JSON.objectNode().put("AuditReportId", r.id()).put("S3Key", r.key());
    }

    private ObjectNode describe(Input in, Caller caller) {
        String caId = arns.caId(in.requiredString("CertificateAuthorityArn", 5, 200));
        String id = in.requiredString("AuditReportId", 36, 36);
        AuditReport r = resources.report(caId, id);
        return JSON.objectNode().put("AuditReportStatus", "SUCCESS").put("S3BucketName", r.bucket()).put("S3Key", r.key())
                .put("CreatedAt", AwsShapes.seconds(r.createdAt()));
    }

    private byte[] content(String caId, AuditReport.Format format) {
        ArrayNode rows = JSON.arrayNode();
        // In pages, newest first, as the native listing reads them; only revoked certificates cost a revocation read.
        CertificateCursor after = null;
        do {
            CertificatePage page = pki.stores().certificates().query(
                    new CertificateQuery(Set.of(caId), null, null, null, clock.instant(), PAGE, after));
            for (ListedCertificate item : page.items()) addRow(rows, caId, item);
            after = page.next();
        } while (after != null);
        if (format == AuditReport.Format.JSON) {
            try {
                return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (var row : rows) {
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (i > 0) csv.append(',');
                var v = row.get(COLUMNS.get(i));
                csv.append(v == null || v.isNull() ? "" : csvField(v.asText()));
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void addRow(ArrayNode rows, String caId, ListedCertificate item) {
        CertificateRecord c = item.record();
        if (c.state() != CertificateState.ISSUED) return;
        Optional<Revocation> revocation = item.status() == CertificateStatus.REVOKED ? pki.revocations().find(caId, c.serial()) : Optional.empty();
        ObjectNode row = rows.addObject();
        row.put("awsAccountId", settings.account());
        row.putNull("requestedByServicePrincipal");
        row.put("certificateArn", arns.certificate(caId, c.serial()));
        row.put("serial", colons(c.serial().toByteArray()));
        row.put("subject", c.subject());
        row.put("notBefore", TIME.format(c.notBefore()));
        row.put("notAfter", TIME.format(c.notAfter()));
        row.put("issuedAt", TIME.format(c.createdAt()));
        if (revocation.isPresent()) {
            row.put("revokedAt", TIME.format(revocation.get().revokedAt()));
            row.put("revocationReason", revocation.get().reason().awsName());
        } else {
            row.putNull("revokedAt");
            row.putNull("revocationReason");
        }
        row.put("templateArn", Template.named(c.template()).arn("aws"));
    }

    private void write(AuditReport r) {
        Path file = dir.resolve(r.bucket()).resolve(r.key()).normalize();
        if (!file.startsWith(dir)) throw new IllegalStateException("report path escapes the report directory");
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, r.content());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit report " + file, e);
        }
    }

    private static String colons(byte[] bytes) {
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        StringBuilder out = new StringBuilder();
        for (int i = start; i < bytes.length; i++) {
            if (out.length() > 0) out.append(':');
            out.append(HexFormat.of().toHexDigits(bytes[i]));
        }
        return out.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
