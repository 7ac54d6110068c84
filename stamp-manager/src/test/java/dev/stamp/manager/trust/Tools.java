package dev.stamp.manager.trust;

import java.util.List;

/** Runs the real external verifiers the tests use (openssl, keytool, certutil) and returns exit and output. */
final class Tools {
    private static final Processes PROCESSES = new Processes();

    private Tools() {}

    static Commands.Result run(String... command) {
        return PROCESSES.run(List.of(command));
    }
}
