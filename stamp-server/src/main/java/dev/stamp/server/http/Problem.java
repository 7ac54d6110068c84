package dev.stamp.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail, as sent: {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
