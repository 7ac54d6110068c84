package dev.stamp.server.rest;

import dev.stamp.core.ca.AuditReport;
import dev.stamp.core.ca.CaResources;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import static dev.stamp.server.auth.Permission.AUDIT;

/**
 * {@code GET /cas/{caId}/audit-reports/{reportId}}: an audit report made through the AWS-compatible API
 * (CreateCertificateAuthorityAuditReport), as the JSON or CSV document itself. Admins and auditors only.
 */
final class AuditReportApi {
    private final CaResources resources;

    AuditReportApi(CaResources resources) {
        this.resources = resources;
    }

    void register(JavalinConfig config) {
        config.routes.get(RestApi.BASE + "/cas/{caId}/audit-reports/{reportId}", this::get, AUDIT);
    }

    private void get(Context ctx) {
        AuditReport report = resources.report(ctx.pathParam("caId"), ctx.pathParam("reportId"));
        ctx.contentType(report.format() == AuditReport.Format.JSON ? "application/json" : "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + report.id() + "." + report.format().name().toLowerCase(java.util.Locale.ROOT) + "\"")
                .result(report.content());
    }
}
