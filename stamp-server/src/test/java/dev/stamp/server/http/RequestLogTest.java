package dev.stamp.server.http;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTest {
    @Test
    void durationIsWrittenWithOneDecimalAsFormatDid() {
        for (float f : new float[] {0f, 0.04f, 0.05f, 0.95f, 1.25f, 12.34f, 999.99f, 123456.7f, -0.4f, -2.56f}) {
            assertThat(RequestLog.tenths(f)).as("%s", f).isEqualTo(String.format(Locale.ROOT, "%.1f", f).replace("-0.0", "0.0"));
        }
        assertThat(RequestLog.tenths(null)).isEqualTo("null");
    }
}
