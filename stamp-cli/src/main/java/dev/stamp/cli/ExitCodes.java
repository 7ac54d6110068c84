package dev.stamp.cli;

import dev.stamp.core.ErrorCode;

/** Exit codes: 0 success, 1 refused (bad input, policy, state), 2 usage, 3 not found, 4 wrong credentials, 70 internal error. */
final class ExitCodes {
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int UNAUTHORIZED = 4;
    static final int INTERNAL = 70;

    private ExitCodes() {}

    static int of(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> NOT_FOUND;
            case UNAUTHORIZED, FORBIDDEN -> UNAUTHORIZED;
            default -> REFUSED;
        };
    }
}
