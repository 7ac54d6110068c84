package dev.stamp.core.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * A fresh SoftHSM2 token for tests. SoftHSM2 reads {@code SOFTHSM2_CONF} once, when the JVM first loads it,
 * so the variable comes from surefire (stamp-core/pom.xml) and this class writes the file it names before any
 * provider loads the library. Missing SoftHSM2 fails the test: CI installs it.
 */
record SoftHsm2(Path library, long slotId, String pin) {
    static final String LABEL = "stamp-test";
    private static final String SO_PIN = "87654321";
    private static final String INSTALL = "SoftHSM2 is missing: apt-get install softhsm2";
    private static final List<String> LIBRARIES = List.of(
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib64/pkcs11/libsofthsm2.so",
            "/usr/local/lib/softhsm/libsofthsm2.so");

    /** Wipes the token directory and initialises one token labelled {@value #LABEL} with the given user PIN. */
    static SoftHsm2 initialise(String pin) throws IOException, InterruptedException {
        Path library = LIBRARIES.stream().map(Path::of).filter(Files::isRegularFile).findFirst()
                .orElseGet(() -> fail(INSTALL + " (no libsofthsm2.so in " + LIBRARIES + ")"));
        String util = Stream.of("/usr/bin/softhsm2-util", "/usr/local/bin/softhsm2-util")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseGet(() -> fail(INSTALL + " (no softhsm2-util)"));
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) fail("SOFTHSM2_CONF is not set: run the tests through Maven, whose surefire configuration sets it");

        Path confFile = Path.of(conf).toAbsolutePath();
        Path tokens = confFile.resolveSibling("tokens");
        if (Files.exists(tokens)) {
            try (Stream<Path> old = Files.walk(tokens)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(confFile, """
                directories.tokendir = %s
                objectstore.backend = file
                log.level = ERROR
                slots.removable = false
                """.formatted(tokens), StandardCharsets.UTF_8);

        ProcessBuilder init = new ProcessBuilder(util, "--init-token", "--free", "--label", LABEL, "--so-pin", SO_PIN, "--pin", pin)
                .redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", confFile.toString());
        Process process = init.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) fail("softhsm2-util --init-token failed: " + output);
        Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(output);
        if (!slot.find()) fail("softhsm2-util did not say which slot it initialised: " + output);
        return new SoftHsm2(library, Long.parseLong(slot.group(1)), pin);
    }
}
