package io.shardwise.router.resharding;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The user's {@code resharding.*} keys (README, Configuration). Off unless {@code resharding.enabled=true}.
 *
 * @param enabled              whether the controller acts at all
 * @param mode                 PREDICTIVE (acts on the forecast, ahead of the peak) or REACTIVE (acts on the load of
 *                             the next step only; for comparison)
 * @param threshold            predicted max/mean node load above which the controller acts
 * @param maxMigrationsPerNode migrations at once that may involve one node (as source or target)
 * @param rowsPerHour          rows the controller may move in any hour; 0 = no limit
 * @param cooldownBuckets      a shard moved or split in the last N buckets is not touched again (anti ping-pong)
 * @param persistBuckets       the imbalance must be above the threshold for K consecutive buckets before acting
 * @param initialRowsPerSecond the move rate assumed before the controller has measured one of its own moves
 */
public record ReshardingSettings(boolean enabled, Mode mode, double threshold, int maxMigrationsPerNode,
                                 long rowsPerHour, int cooldownBuckets, int persistBuckets,
                                 double initialRowsPerSecond) {
    public enum Mode { PREDICTIVE, REACTIVE }

    public static final ReshardingSettings DEFAULTS = new ReshardingSettings(false, Mode.PREDICTIVE, 1.3, 1, 0, 3, 2,
            1000);

    public static final Set<String> KEYS = Set.of("resharding.enabled", "resharding.mode", "resharding.threshold",
            "resharding.max-migrations-per-node", "resharding.rows-per-hour", "resharding.hysteresis",
            "resharding.persist");

    public ReshardingSettings {
        if (!(threshold > 1.0) || threshold > 100) {
            throw new IllegalArgumentException("resharding.threshold must be a number above 1.0 (max/mean node load),"
                    + " not " + threshold);
        }
        if (maxMigrationsPerNode < 1) {
            throw new IllegalArgumentException("resharding.max-migrations-per-node must be at least 1");
        }
        if (rowsPerHour < 0) {
            throw new IllegalArgumentException("resharding.rows-per-hour must be 0 (no limit) or positive");
        }
        if (cooldownBuckets < 0 || persistBuckets < 1) {
            throw new IllegalArgumentException("resharding.hysteresis must be >= 0 and resharding.persist >= 1");
        }
        if (!(initialRowsPerSecond > 0)) {
            throw new IllegalArgumentException("the initial move rate must be positive");
        }
    }

    public ReshardingSettings withEnabled(boolean on) {
        return new ReshardingSettings(on, mode, threshold, maxMigrationsPerNode, rowsPerHour, cooldownBuckets,
                persistBuckets, initialRowsPerSecond);
    }

    public ReshardingSettings withMode(Mode m) {
        return new ReshardingSettings(enabled, m, threshold, maxMigrationsPerNode, rowsPerHour, cooldownBuckets,
                persistBuckets, initialRowsPerSecond);
    }

    public ReshardingSettings withThreshold(double t) {
        return new ReshardingSettings(enabled, mode, t, maxMigrationsPerNode, rowsPerHour, cooldownBuckets,
                persistBuckets, initialRowsPerSecond);
    }

    public ReshardingSettings withRowsPerHour(long rows) {
        return new ReshardingSettings(enabled, mode, threshold, maxMigrationsPerNode, rows, cooldownBuckets,
                persistBuckets, initialRowsPerSecond);
    }

    public ReshardingSettings withHysteresis(int cooldown, int persist) {
        return new ReshardingSettings(enabled, mode, threshold, maxMigrationsPerNode, rowsPerHour, cooldown, persist,
                initialRowsPerSecond);
    }

    public ReshardingSettings withMaxMigrationsPerNode(int n) {
        return new ReshardingSettings(enabled, mode, threshold, n, rowsPerHour, cooldownBuckets, persistBuckets,
                initialRowsPerSecond);
    }

    /** Reads the {@code resharding.*} keys; a bad value is an {@link IllegalArgumentException} naming the key. */
    public static ReshardingSettings fromProperties(Map<String, String> p) {
        ReshardingSettings d = DEFAULTS;
        boolean enabled = switch (value(p, "resharding.enabled", "false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("resharding.enabled must be true or false, not '"
                    + p.get("resharding.enabled") + "'");
        };
        Mode mode = switch (value(p, "resharding.mode", "predictive")) {
            case "predictive" -> Mode.PREDICTIVE;
            case "reactive" -> Mode.REACTIVE;
            default -> throw new IllegalArgumentException("resharding.mode must be predictive or reactive, not '"
                    + p.get("resharding.mode") + "'");
        };
        double threshold;
        try {
            threshold = Double.parseDouble(value(p, "resharding.threshold", String.valueOf(d.threshold)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("resharding.threshold must be a number such as 1.3, not '"
                    + p.get("resharding.threshold") + "'");
        }
        if (!(threshold > 1.0) || threshold > 100) {
            throw new IllegalArgumentException("resharding.threshold must be above 1.0 (max/mean node load), not "
                    + p.get("resharding.threshold"));
        }
        int perNode = (int) whole(p, "resharding.max-migrations-per-node", d.maxMigrationsPerNode, 1, 64);
        long rows = whole(p, "resharding.rows-per-hour", d.rowsPerHour, 0, Long.MAX_VALUE / 2);
        int cooldown = (int) whole(p, "resharding.hysteresis", d.cooldownBuckets, 0, 1_000_000);
        int persist = (int) whole(p, "resharding.persist", d.persistBuckets, 1, 1_000_000);
        return new ReshardingSettings(enabled, mode, threshold, perNode, rows, cooldown, persist,
                d.initialRowsPerSecond);
    }

    private static String value(Map<String, String> p, String key, String dflt) {
        String v = p.get(key);
        return v == null || v.isBlank() ? dflt : v.trim().toLowerCase(Locale.ROOT);
    }

    private static long whole(Map<String, String> p, String key, long dflt, long min, long max) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }
}
