package dev.stamp.server;

import dev.stamp.core.ocsp.OcspResponder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OcspFreshnessTest {
    @Test
    void theRunningServersWatcherCoversKeptOcspResponsesAndStoppingHandsTheReadBack() {
        TestServer s = new TestServer();
        OcspResponder responder = s.testPki.pki.ocsp();
        try (s) {
            assertThat(responder.freshness()).isEqualTo(OcspResponder.Freshness.WATCHED);
        }
        assertThat(responder.freshness()).isEqualTo(OcspResponder.Freshness.READ_PER_REQUEST);
    }
}
