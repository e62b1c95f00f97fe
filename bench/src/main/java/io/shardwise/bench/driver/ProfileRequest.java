package io.shardwise.bench.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code profile=target/workload/style} with optional {@code profile-seconds=N} (default 10),
 * {@code profile-interval-us=N} (default 1000) and {@code profile-top=N} (default 25); every other argument is a
 * normal benchmark argument (e.g. {@code rows=...}).
 */
record ProfileRequest(String target, Workload workload, StatementStyle style, int seconds, long intervalMicros,
                      int top, BenchConfig config) {

    static ProfileRequest extract(String[] args) {
        String spec = null;
        int seconds = 10;
        long interval = 1000;
        int top = 25;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            String arg = a.trim();
            if (arg.startsWith("profile=")) {
                spec = arg.substring("profile=".length());
            } else if (arg.startsWith("profile-seconds=")) {
                seconds = Integer.parseInt(arg.substring("profile-seconds=".length()));
            } else if (arg.startsWith("profile-interval-us=")) {
                interval = Long.parseLong(arg.substring("profile-interval-us=".length()));
            } else if (arg.startsWith("profile-top=")) {
                top = Integer.parseInt(arg.substring("profile-top=".length()));
            } else {
                rest.add(arg);
            }
        }
        if (spec == null) {
            return null;
        }
        String[] parts = spec.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("profile=" + spec + ": expected target/workload/style, e.g."
                    + " profile=shardwise/point-select/prepared");
        }
        String target = parts[0].trim();
        Workload workload = Workload.byId(parts[1].trim());
        StatementStyle style = StatementStyle.byId(parts[2].trim());
        rest.add("targets=" + (target.equals(DirectTarget.NAME) ? target : DirectTarget.NAME + "," + target));
        rest.add("workloads=" + workload.id());
        rest.add("styles=" + style.id());
        BenchConfig config = BenchConfig.parse(rest.toArray(String[]::new));
        return new ProfileRequest(target, workload, style, seconds, interval, top, config);
    }
}
