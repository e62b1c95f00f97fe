package io.shardwise.agent;

import java.util.List;
import java.util.Locale;

/** {@code shardwise-profile.json}: hand-written JSON, so the agent needs no JSON library on the app's class path. */
final class ReportJson {
    private ReportJson() {
    }

    static String render(List<ProfileReport.GroupReport> groups, long startMillis, long elapsedMillis,
                         long bucketMillis, long failures) {
        StringBuilder b = new StringBuilder(4096);
        b.append("{\n  \"startedAtMillis\": ").append(startMillis)
                .append(",\n  \"elapsedMillis\": ").append(elapsedMillis)
                .append(",\n  \"bucketMillis\": ").append(bucketMillis)
                .append(",\n  \"segmentsPerGroup\": ").append(ProfileRecorder.SEGMENTS)
                .append(",\n  \"profilingFailures\": ").append(failures)
                .append(",\n  \"groups\": [");
        for (int gi = 0; gi < groups.size(); gi++) {
            ProfileReport.GroupReport g = groups.get(gi);
            b.append(gi == 0 ? "\n" : ",\n").append("    {\"name\": ").append(str(g.name())).append(", \"tables\": [");
            for (int i = 0; i < g.tables().size(); i++) {
                b.append(i == 0 ? "" : ", ").append(str(g.tables().get(i)));
            }
            b.append("], \"reads\": ").append(g.reads()).append(", \"writes\": ").append(g.writes())
                    .append(", \"statementsWithoutKey\": ").append(g.withoutKey()).append(",\n     \"hotKeys\": [");
            for (int i = 0; i < g.hotKeys().size(); i++) {
                ProfileReport.KeyCount k = g.hotKeys().get(i);
                b.append(i == 0 ? "" : ", ").append("{\"key\": ").append(value(k.key())).append(", \"count\": ")
                        .append(k.count()).append(", \"share\": ").append(num(k.share()))
                        .append(", \"predictedPerSecond\": ").append(num(k.predictedPerSecond())).append('}');
            }
            b.append("],\n     \"timeline\": [");
            for (int i = 0; i < g.timeline().size(); i++) {
                long[] row = g.timeline().get(i);
                b.append(i == 0 ? "" : ", ").append("{\"bucket\": ").append(row[0]).append(", \"segments\": [");
                for (int s = 1; s < row.length; s++) {
                    b.append(s == 1 ? "" : ", ").append(row[s]);
                }
                b.append("]}");
            }
            b.append("],\n     \"forecastVsActual\": [");
            for (int i = 0; i < g.segments().size(); i++) {
                ProfileReport.SegmentForecast s = g.segments().get(i);
                b.append(i == 0 ? "" : ", ").append("{\"lo\": ").append(s.lo()).append(", \"hi\": ").append(s.hi())
                        .append(", \"actualPerSecond\": ").append(num(s.actual()))
                        .append(", \"predictedPerSecond\": ").append(num(s.predictedNext())).append('}');
            }
            b.append("],\n     \"hotspots\": ").append(strings(g.hotspots()))
                    .append(",\n     \"proposedSteps\": ").append(strings(g.steps()));
            if (g.proposalNote() != null) {
                b.append(", \"proposalNote\": ").append(str(g.proposalNote()));
            }
            b.append('}');
        }
        return b.append("\n  ]\n}\n").toString();
    }

    private static String strings(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(str(items.get(i)));
        }
        return b.append(']').toString();
    }

    private static String value(Object v) {
        return v instanceof Long || v instanceof Integer ? v.toString() : str(String.valueOf(v));
    }

    private static String num(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null";
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
