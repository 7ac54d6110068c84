package dev.stamp.manager.trust;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link Commands} over real processes: output merged, standard input closed, at most two minutes per command. */
public final class Processes implements Commands {
    private static final long TIMEOUT_SECONDS = 120;

    @Override
    public Result run(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        try {
            Process p = pb.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StampException(ErrorCode.REQUEST_FAILED, String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StampException(ErrorCode.REQUEST_FAILED, "interrupted while running " + command.getFirst(), e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
