package dev.stamp.server.rest;

import dev.stamp.core.audit.AuditEntry;
import dev.stamp.core.store.AuditStore;
import dev.stamp.core.store.AuditVerification;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.List;

import static dev.stamp.server.auth.Permission.AUDIT;

/** {@code /audit}: the hash-chained log, in pages, and its verification. Admins and auditors only. */
final class AuditApi {
    private final AuditStore audit;

    AuditApi(AuditStore audit) {
        this.audit = audit;
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.get(RestApi.BASE + "/audit", this::list, AUDIT);
        // verify reads only, so GET works; POST too, for clients that see it as an action
        r.get(RestApi.BASE + "/audit/verify", this::verify, AUDIT);
        r.post(RestApi.BASE + "/audit/verify", this::verify, AUDIT);
    }

    private void list(Context ctx) {
        int limit = ListParams.limit(ctx);
        long after = ListParams.auditCursor(ctx);
        List<AuditEntry> page = audit.page(after, limit + 1); // one more than asked tells whether a page follows
        boolean more = page.size() > limit;
        List<AuditEntry> items = more ? page.subList(0, limit) : page;
        ctx.json(new Dtos.AuditList(items.stream().map(AuditApi::entry).toList(),
                more ? ListParams.auditCursor(items.getLast().sequence()) : null));
    }

    private void verify(Context ctx) {
        AuditVerification v = AuditVerification.of(audit);
        ctx.json(new Dtos.AuditVerdict(v.intact(), v.entries(), v.head().sequence(), v.head().hash(), v.problem()));
    }

    private static Dtos.AuditEntry entry(AuditEntry e) {
        var ev = e.event();
        return new Dtos.AuditEntry(e.sequence(), ev.at().toString(), ev.actor(), ev.action(), ev.caId(), ev.target(), ev.detail(),
                e.previousHash(), e.hash());
    }
}
