package io.shardwise.router;

import io.shardwise.profiler.ProfilerConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The user's {@code profiler.*} keys (README, Configuration): whether executions are recorded at all, and the
 * bucket, history, forecast step and season of the profiler. Everything else keeps {@link ProfilerConfig#defaults()}.
 *
 * @param enabled false: nothing is recorded, no bucket is rolled, the profiler views are empty
 * @param config  the profiler's configuration
 */
public record ProfilerSettings(boolean enabled, ProfilerConfig config) {
    public static final ProfilerSettings DEFAULTS = new ProfilerSettings(true, ProfilerConfig.defaults());

    public static final Set<String> KEYS = Set.of("profiler.enabled", "profiler.bucket", "profiler.history",
            "profiler.step", "profiler.season");

    /**
     * Reads the {@code profiler.*} keys. Durations are a number with a unit ({@code 200ms}, {@code 10s},
     * {@code 5m}, {@code 2h}, {@code 3d}; a bare number is milliseconds). {@code profiler.step} is buckets per
     * forecast step; {@code profiler.season} is {@code detect}, {@code none}, or a duration (rounded to steps).
     */
    public static ProfilerSettings fromProperties(Map<String, String> p) {
        ProfilerConfig c = ProfilerConfig.defaults();
        boolean enabled = bool(p, "profiler.enabled", true);
        Duration bucket = duration(p, "profiler.bucket", c.bucket());
        Duration history = duration(p, "profiler.history", c.history());
        if (history.compareTo(bucket) < 0) {
            throw new IllegalArgumentException("profiler.history (" + history + ") must be at least one "
                    + "profiler.bucket (" + bucket + ")");
        }
        int stepBuckets = (int) whole(p, "profiler.step", c.stepBuckets(), 1);
        c = c.withBucket(bucket).withHistory(history).withSteps(stepBuckets, c.horizonSteps());
        String season = p.get("profiler.season");
        if (season != null && !season.isBlank()) {
            String s = season.trim().toLowerCase(Locale.ROOT);
            long stepMillis = bucket.toMillis() * stepBuckets;
            if (s.equals("detect")) {
                c = c.withSeason(0, c.maxSeasonSteps());
            } else if (s.equals("none")) {
                c = c.withSeason(-1, c.maxSeasonSteps());
            } else {
                long steps = Math.round(duration(p, "profiler.season", null).toMillis() / (double) stepMillis);
                if (steps < 2) {
                    throw new IllegalArgumentException("profiler.season must span at least two forecast steps ("
                            + 2 * stepMillis + " ms with this bucket and step), not '" + season + "'");
                }
                int n = (int) Math.min(Integer.MAX_VALUE / 2, steps);
                c = c.withSeason(n, Math.max(n, c.maxSeasonSteps()));
            }
        }
        return new ProfilerSettings(enabled, c);
    }

    private static boolean bool(Map<String, String> p, String key, boolean dflt) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + v + "'");
        };
    }

    private static long whole(Map<String, String> p, String key, long dflt, long min) {
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
        if (n < min || n > 1_000_000) {
            throw new IllegalArgumentException(key + " must be between " + min + " and 1000000, not " + n);
        }
        return n;
    }

    /** A positive duration: digits and an optional unit ms, s, m, h or d (bare digits are milliseconds). */
    static Duration duration(Map<String, String> p, String key, Duration dflt) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        String unit = s.substring(i).trim();
        long n;
        try {
            n = Long.parseLong(s.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 200ms, 10s, 5m, 2h or 3d, not '"
                    + v + "'");
        }
        Duration d = switch (unit) {
            case "", "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(key + " has an unknown unit '" + unit
                    + "': use ms, s, m, h or d");
        };
        if (d.toMillis() < 1) {
            throw new IllegalArgumentException(key + " must be at least 1 ms, not '" + v + "'");
        }
        return d;
    }
}
