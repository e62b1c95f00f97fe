package io.shardwise.router;

import io.shardwise.profiler.Profiler;
import io.shardwise.profiler.ProfilerConfig;
import io.shardwise.profiler.TimeSource;
import io.shardwise.router.config.ClusterSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The profiler's state in the metadata directory, beside the topology, so a restart does not forget the season.
 * A state that cannot be read, or that belongs to another group layout or bucket size, is set aside with a warning
 * and the profiler starts empty: statistics are worth keeping, never worth refusing to start over.
 */
final class ProfilerStateFile {
    static final String NAME = "profiler.state";
    static final Duration SAVE_EVERY = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(ProfilerStateFile.class.getName());

    private ProfilerStateFile() {
    }

    static Profiler open(ClusterSpec spec, ProfilerConfig config) {
        if (spec.metadataDir() != null) {
            Path file = spec.metadataDir().resolve(NAME);
            if (Files.isRegularFile(file)) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                    Profiler restored = Profiler.restore(config, TimeSource.system(), in);
                    if (ProfilerRecorder.fits(restored, spec)) {
                        return restored;
                    }
                    LOG.log(System.Logger.Level.WARNING, "The saved profiler state in {0} is for other groups; "
                            + "starting with an empty history", file);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Cannot restore the profiler state from {0} ({1}); "
                            + "starting with an empty history", file, e.getMessage());
                }
            }
        }
        return new Profiler(config, TimeSource.system());
    }

    /** Writes the state atomically (temporary file, then rename); a failure is logged, never thrown. */
    static void save(Profiler profiler, Path dir) {
        Path file = dir.resolve(NAME);
        Path tmp = dir.resolve(NAME + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                profiler.writeState(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot save the profiler state to {0}: {1}", file, e.getMessage());
        }
    }
}
