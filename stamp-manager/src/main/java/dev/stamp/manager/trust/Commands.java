package dev.stamp.manager.trust;

import java.util.List;

/** Runs an external program (update-ca-certificates, certutil, ...) and returns how it ended. */
@FunctionalInterface
public interface Commands {
    /** The exit code and the combined output. */
    record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    Result run(List<String> command);
}
