package dev.stamp.server.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stamp.core.token.ApiToken;
import dev.stamp.server.auth.Permission;

import java.util.function.BiFunction;

/** One AWS Private CA operation: its name, the permission it needs (as a REST route would), and its handler. */
record AwsOperation(String name, Permission permission, BiFunction<Input, Caller, ObjectNode> handler) {

    /** An authenticated caller: its access key id (the audit actor) and the role and CAs it was given. */
    record Caller(String accessKeyId, ApiToken grant) {
        String actor() { return "aws:" + accessKeyId; }
    }
}
