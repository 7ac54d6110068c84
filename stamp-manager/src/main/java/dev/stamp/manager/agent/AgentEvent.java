package dev.stamp.manager.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * A Kubernetes-style event on a Certificate: Normal or Warning, a reason, a message, and how often it happened in a
 * row (a repeat of the same event bumps {@code count} and {@code lastTime} instead of adding an entry).
 */
public record AgentEvent(Type type, String reason, String message, Instant firstTime, Instant lastTime, int count) {
    public enum Type { Normal, Warning }

    public AgentEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstTime, "firstTime");
        Objects.requireNonNull(lastTime, "lastTime");
        message = message == null ? "" : message;
        if (count < 1) throw new IllegalArgumentException("event count must be at least 1, got " + count);
    }

    static AgentEvent of(Type type, String reason, String message, Instant now) {
        return new AgentEvent(type, reason, message, now, now, 1);
    }

    boolean sameAs(AgentEvent other) {
        return type == other.type && reason.equals(other.reason) && message.equals(other.message);
    }

    AgentEvent repeated(Instant now) {
        return new AgentEvent(type, reason, message, firstTime, now, count + 1);
    }
}
