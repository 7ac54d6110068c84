package dev.stamp.manager.agent;

/** The agent's data directory cannot be used: locked by another agent, unreadable, or unwritable. */
public final class AgentStoreException extends RuntimeException {
    public AgentStoreException(String message) {
        super(message);
    }

    public AgentStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
