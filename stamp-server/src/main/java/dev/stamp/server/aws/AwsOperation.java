package dev.stamp.server.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stamp.core.token.ApiToken;

import java.util.function.BiFunction;

/** One AWS Private CA operation: its name, what it needs of the caller, and its handler. */
record AwsOperation(String name, Access access, BiFunction<Input, Caller, ObjectNode> handler) {

    /** What an operation needs of its caller's role. */
    enum Access {
        /** Any role. */
        READ,
        /** Admins and issuers (on their CAs). */
        ISSUE,
        /** Admins and auditors. */
        AUDIT,
        /** Admins. */
        ADMIN
    }

    /** An authenticated caller: its access key id (the audit actor) and the role and CAs it was given. */
    record Caller(String accessKeyId, ApiToken grant) {
        String actor() { return "aws:" + accessKeyId; }
    }
}
