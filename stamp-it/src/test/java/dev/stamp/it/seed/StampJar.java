package dev.stamp.it.seed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The distributable jar the reactor built in stamp-cli ({@code ../stamp-cli/target/stamp.jar}), run as its own
 * processes with the JDK running the tests, the way an operator runs {@code stamp}.
 */
record StampJar(Path jar, String java) {
    StampJar {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the stamp jar " + jar + " is missing: build stamp-cli first (./mvnw -pl stamp-it -am verify does)");
        }
    }

    static StampJar built() {
        return new StampJar(Path.of("..", "stamp-cli", "target", "stamp.jar").toAbsolutePath().normalize(),
                ProcessHandle.current().info().command().orElse("java"));
    }

    List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    Command.Result run(Path dir, Map<String, String> env, String... args) {
        return Command.run(dir, env, command(args));
    }
}
