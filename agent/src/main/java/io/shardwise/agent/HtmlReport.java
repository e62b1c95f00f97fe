package io.shardwise.agent;

import java.util.List;
import java.util.Locale;

/**
 * {@code shardwise-profile.html}: one self-contained page (inline CSS and SVG, nothing fetched) with, per group, a
 * heat map of the key space's segments over time, the forecast against the actual per segment, the hot keys and
 * the proposed shard key map steps.
 */
final class HtmlReport {
    private static final int CELL_W = 12;
    private static final int CELL_H = 14;

    private HtmlReport() {
    }

    static String render(List<ProfileReport.GroupReport> groups, long elapsedMillis, long bucketMillis) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Shardwise profile</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}")
                .append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}")
                .append("h2{margin-top:1.5em}.note{color:#666}</style></head><body>")
                .append("<h1>Shardwise profile</h1><p class=\"note\">")
                .append(String.format(Locale.ROOT, "%.1f s observed, %d ms buckets, key space in %d hash segments",
                        elapsedMillis / 1000.0, bucketMillis, ProfileRecorder.SEGMENTS))
                .append("</p>");
        for (ProfileReport.GroupReport g : groups) {
            b.append("<h2>Group ").append(esc(g.name())).append(" (").append(esc(String.join(", ", g.tables())))
                    .append(")</h2><p>").append(g.reads()).append(" reads, ").append(g.writes()).append(" writes, ")
                    .append(g.withoutKey()).append(" without a key (sent to every shard once sharded)</p>");
            heatMap(b, g.timeline());
            forecast(b, g.segments());
            b.append("<h3>Hot keys</h3><table><tr><th>key</th><th>count</th><th>share</th><th>predicted/s</th></tr>");
            for (ProfileReport.KeyCount k : g.hotKeys()) {
                b.append("<tr><td>").append(esc(String.valueOf(k.key()))).append("</td><td>").append(k.count())
                        .append(String.format(Locale.ROOT, "</td><td>%.1f%%</td><td>%.2f</td></tr>",
                                100 * k.share(), k.predictedPerSecond()));
            }
            b.append("</table><h3>Proposed shard key map (hypothetical 3 nodes, 3 equal shards)</h3>");
            if (g.steps().isEmpty()) {
                b.append("<p class=\"note\">").append(esc(g.proposalNote() != null ? g.proposalNote()
                        : "no step proposed: the even layout is balanced enough")).append("</p>");
            } else {
                b.append("<table class=\"plan\"><tr><th>#</th><th>step</th></tr>");
                for (int i = 0; i < g.steps().size(); i++) {
                    b.append("<tr><td>").append(i + 1).append("</td><td style=\"text-align:left\">")
                            .append(esc(g.steps().get(i))).append("</td></tr>");
                }
                b.append("</table>");
            }
        }
        return b.append("</body></html>\n").toString();
    }

    /** Rows are segments (low hash at the top), columns buckets; darker = more statements. */
    private static void heatMap(StringBuilder b, List<long[]> timeline) {
        long max = 1;
        for (long[] row : timeline) {
            for (int s = 1; s < row.length; s++) {
                max = Math.max(max, row[s]);
            }
        }
        int w = 40 + Math.max(1, timeline.size()) * CELL_W;
        int h = ProfileRecorder.SEGMENTS * CELL_H + 20;
        b.append("<h3>Key space over time</h3><svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(w).append("\" height=\"").append(h).append("\">");
        for (int s = 0; s < ProfileRecorder.SEGMENTS; s++) {
            b.append("<text x=\"0\" y=\"").append(s * CELL_H + 11).append("\" font-size=\"10\">s")
                    .append(s).append("</text>");
        }
        for (int c = 0; c < timeline.size(); c++) {
            long[] row = timeline.get(c);
            for (int s = 1; s < row.length; s++) {
                double v = (double) row[s] / max;
                int shade = (int) Math.round(255 * (1 - v));
                b.append("<rect x=\"").append(40 + c * CELL_W).append("\" y=\"").append((s - 1) * CELL_H)
                        .append("\" width=\"").append(CELL_W - 1).append("\" height=\"").append(CELL_H - 1)
                        .append("\" fill=\"rgb(255,").append(shade).append(',').append(shade).append(")\"><title>bucket ")
                        .append(row[0]).append(", segment ").append(s - 1).append(": ").append(row[s])
                        .append("</title></rect>");
            }
        }
        b.append("<text x=\"40\" y=\"").append(h - 4).append("\" font-size=\"10\">time (buckets) &#8594;</text></svg>");
    }

    /** Actual (grey) against predicted (blue) statements per second per segment. */
    private static void forecast(StringBuilder b, List<ProfileReport.SegmentForecast> segments) {
        b.append("<h3>Forecast against actual per segment</h3>");
        if (segments.isEmpty()) {
            b.append("<p class=\"note\">no forecast yet: the profiler needs a few closed buckets</p>");
            return;
        }
        double max = 1e-9;
        for (ProfileReport.SegmentForecast s : segments) {
            max = Math.max(max, Math.max(s.actual(), s.predictedNext()));
        }
        int barH = 100;
        b.append("<svg class=\"forecast\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(segments.size() * 24 + 10).append("\" height=\"").append(barH + 20).append("\">");
        for (int i = 0; i < segments.size(); i++) {
            ProfileReport.SegmentForecast s = segments.get(i);
            int a = (int) Math.round(barH * s.actual() / max);
            int p = (int) Math.round(barH * s.predictedNext() / max);
            int x = 5 + i * 24;
            b.append("<rect x=\"").append(x).append("\" y=\"").append(barH - a).append("\" width=\"10\" height=\"")
                    .append(a).append("\" fill=\"#999\"/><rect x=\"").append(x + 10).append("\" y=\"")
                    .append(barH - p).append("\" width=\"10\" height=\"").append(p).append("\" fill=\"#36c\">")
                    .append(String.format(Locale.ROOT, "<title>[%d, %d): actual %.2f/s, predicted %.2f/s</title>",
                            s.lo(), s.hi(), s.actual(), s.predictedNext())).append("</rect>");
        }
        b.append("<text x=\"5\" y=\"").append(barH + 15)
                .append("\" font-size=\"10\">grey: actual, blue: predicted next step</text></svg>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
