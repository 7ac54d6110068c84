package dev.stamp.server.http;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.function.Supplier;

/** The server's meters, exposed at {@code /metrics} in Prometheus text format. */
public final class IssuanceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Times an issuance, tagged by CA, template and outcome (issued, refused, failed). */
    public <T> T timeIssuance(String caId, String template, Supplier<T> issue) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            T result = issue.get();
            outcome = "issued";
            return result;
        } catch (dev.stamp.core.StampException e) {
            outcome = "refused";
            throw e;
        } finally {
            sample.stop(Timer.builder("stamp.issuances").description("Certificate issuances through the API")
                    .tags("ca", caId, "template", template, "outcome", outcome).register(registry));
        }
    }

    /** Counts one OCSP answer by what it said (good, revoked, unknown, malformed_request, unauthorized, internal_error). */
    public void countOcsp(String status) {
        registry.counter("stamp.ocsp.responses", "status", status).increment();
    }

    /** The registry, for the server's other meter sets ({@link RevocationMetrics}, {@link ExpiryGauges}) on the same endpoint. */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }
}
