package io.shardwise.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Hard stops of server processes at JVM exit: a process and every process under it, killed, then awaited briefly. */
final class ProcessKiller {
    private ProcessKiller() {
    }

    /** Kills the process whose id is the first line of {@code pidFile} (as PostgreSQL and MariaDB write it). */
    static void killByPidFile(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (!lines.isEmpty()) {
                ProcessHandle.of(Long.parseLong(lines.get(0).trim())).ifPresent(ProcessKiller::killTree);
            }
        } catch (IOException | NumberFormatException e) {
            // nothing to kill
        }
    }

    /** Kills this JVM's descendant processes whose command line mentions {@code marker} (e.g. a data directory). */
    static void killDescendantsMentioning(String marker) {
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(ProcessKiller::killTree);
    }

    private static void killTree(ProcessHandle p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.onExit().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // gone or going; the JVM is exiting anyway
        }
    }
}
