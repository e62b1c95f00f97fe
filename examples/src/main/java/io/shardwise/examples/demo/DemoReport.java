package io.shardwise.examples.demo;

import io.shardwise.DecisionInfo;
import io.shardwise.MigrationInfo;
import io.shardwise.ShardInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's self-contained HTML report: inline SVG charts and tables, no scripts, no network. */
final class DemoReport {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c"};
    private static final Map<String, String> STATE_COLORS = Map.of("PREPARING", "#bbb", "COPYING", "#1f77b4",
            "CATCHING_UP", "#ff7f0e", "CUTOVER", "#d62728", "CLEANUP", "#2ca02c", "DONE", "#2ca02c",
            "FAILED", "#000", "CANCELLED", "#777");

    private DemoReport() {
    }

    static String html(List<ReshardingDemo.Run> runs) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Shardwise re-sharding demo</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:")
                .append("collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}")
                .append("h2{margin-top:2em}.ok{color:#2ca02c}.bad{color:#d62728}</style></head><body>")
                .append("<h1>Shardwise re-sharding demo</h1><p>Three H2 nodes; ").append(ReshardingDemo.DEVICES)
                .append(" devices write readings; the busy region moves across the devices once a \"day\" of ")
                .append(ReshardingDemo.DAY_MILLIS / 1000).append(" s and the load follows a daily cycle. The same")
                .append(" seeded workload ran with static sharding, the reactive controller and the predictive one.")
                .append("</p><h2>Summary</h2><table><tr><th>run</th><th>max imbalance</th><th>share of samples")
                .append(" above 1.3</th><th>p99 write latency (ms)</th><th>acknowledged writes</th><th>migrations")
                .append("</th><th>rows moved</th><th>no-loss check</th></tr>");
        for (ReshardingDemo.Run r : runs) {
            long moved = r.migrations().stream().mapToLong(MigrationInfo::rowsCopied).sum();
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.2f</td><td>%.0f%%</td><td>%.2f</td><td>%d"
                            + "</td><td>%d</td><td>%d</td><td class=\"%s\">%s</td></tr>", r.name(), r.maxImbalance(),
                    100 * r.shareAbove(1.3), r.p99Millis(), r.acknowledged(), r.migrations().size(), moved,
                    r.verified() ? "ok" : "bad", esc(r.verification())));
        }
        b.append("</table>");
        for (ReshardingDemo.Run r : runs) {
            b.append("<h2>").append(r.name()).append(": writes/s per node and imbalance (max/mean)</h2>");
            b.append(loadChart(r));
            if (!r.migrations().isEmpty()) {
                b.append("<h3>Migrations (copy, catch-up, cutover freeze, cleanup)</h3>").append(timeline(r));
            }
            if (!r.decisions().isEmpty()) {
                b.append("<h3>Decisions</h3><table><tr><th>id</th><th>trigger</th><th>before</th><th>after</th>")
                        .append("<th>steps</th><th>outcome</th></tr>");
                for (DecisionInfo d : r.decisions()) {
                    b.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%.2f</td><td>%.2f</td>"
                                    + "<td>%s</td><td>%s</td></tr>", d.id(), esc(d.trigger()), d.imbalanceBefore(),
                            d.imbalanceAfter(), esc(String.join("; ", d.steps())), esc(d.outcome())));
                }
                b.append("</table>");
            }
        }
        ReshardingDemo.Run last = runs.get(runs.size() - 1);
        b.append("<h2>Shard map of the ").append(last.name()).append(" run: before and after</h2>")
                .append("<table><tr><th>before</th><th>after</th></tr><tr><td valign=\"top\">")
                .append(shards(last.before())).append("</td><td valign=\"top\">").append(shards(last.after()))
                .append("</td></tr></table></body></html>");
        return b.toString();
    }

    private static String loadChart(ReshardingDemo.Run r) {
        int w = 1000;
        int h = 220;
        List<double[]> loads = r.loadPerSample();
        double max = 1;
        for (double[] l : loads) {
            for (double v : l) {
                max = Math.max(max, v);
            }
        }
        StringBuilder b = new StringBuilder("<svg width=\"" + w + "\" height=\"" + (h + 110)
                + "\" xmlns=\"http://www.w3.org/2000/svg\" style=\"border:1px solid #eee\">");
        double dx = loads.size() > 1 ? (w - 60.0) / (loads.size() - 1) : 1;
        for (int n = 0; n < ReshardingDemo.NODES.length; n++) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < loads.size(); i++) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", 50 + i * dx, h - loads.get(i)[n] / max * (h - 20)));
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(COLORS[n]).append("\" stroke-width=\"1.5\" points=\"")
                    .append(pts).append("\"/>").append("<text x=\"").append(60 + n * 60).append("\" y=\"14\" fill=\"")
                    .append(COLORS[n]).append("\">").append(ReshardingDemo.NODES[n]).append("</text>");
        }
        b.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"24\" font-size=\"11\">%.0f/s</text>", max));
        // imbalance below, 1.0 .. 3.0, with the 1.3 threshold
        int top = h + 10;
        int ih = 90;
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < r.imbalance().size(); i++) {
            double v = Math.min(3, r.imbalance().get(i));
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", 50 + i * dx, top + ih - (v - 1) / 2 * ih));
        }
        double y13 = top + ih - 0.3 / 2 * ih;
        b.append(String.format(Locale.ROOT, "<line x1=\"50\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                + "stroke-dasharray=\"4\"/><text x=\"2\" y=\"%.1f\" font-size=\"11\">1.3</text>", w - 10, y13, y13,
                y13 + 4));
        b.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"11\">3.0</text>", top + 8));
        b.append("<polyline fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" points=\"").append(pts)
                .append("\"/></svg>");
        return b.toString();
    }

    private static String timeline(ReshardingDemo.Run r) {
        int w = 1000;
        int row = 18;
        int h = r.timelines().size() * row + 30;
        double scale = (w - 160.0) / ReshardingDemo.RUN_MILLIS;
        StringBuilder b = new StringBuilder("<svg width=\"" + w + "\" height=\"" + h
                + "\" xmlns=\"http://www.w3.org/2000/svg\">");
        int y = 5;
        for (var e : r.timelines().entrySet()) {
            List<String[]> tl = e.getValue();
            MigrationInfo m = r.migrations().stream().filter(x -> x.id() == e.getKey()).findFirst().orElse(null);
            b.append("<text x=\"0\" y=\"").append(y + 12).append("\" font-size=\"11\">migration ").append(e.getKey())
                    .append(m == null ? "" : " shard " + m.shardId() + " " + m.from() + "&#8594;" + m.to())
                    .append("</text>");
            for (int i = 0; i < tl.size(); i++) {
                long from = Long.parseLong(tl.get(i)[0]);
                long to = i + 1 < tl.size() ? Long.parseLong(tl.get(i + 1)[0]) : from + ReshardingDemo.SAMPLE_MILLIS;
                String st = tl.get(i)[1];
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                                + "fill=\"%s\"><title>%s</title></rect>", 150 + from * scale, y, Math.max(2,
                                (to - from) * scale), row - 4, STATE_COLORS.getOrDefault(st, "#999"), st));
            }
            y += row;
        }
        b.append("<text x=\"150\" y=\"").append(h - 5).append("\" font-size=\"11\">blue copy, orange catch-up, red ")
                .append("cutover (freeze), green cleanup/done; x = time in the run (sampled every ")
                .append(ReshardingDemo.SAMPLE_MILLIS).append(" ms)</text></svg>");
        if (!r.migrations().isEmpty()) {
            b.append("<table><tr><th>id</th><th>shard</th><th>from</th><th>to</th><th>state</th><th>rows</th>")
                    .append("<th>elapsed ms</th><th>freeze ms</th></tr>");
            for (MigrationInfo m : r.migrations()) {
                b.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td>"
                                + "<td>%d</td><td>%d</td><td>%d</td></tr>", m.id(), m.shardId(), m.from(), m.to(),
                        m.state(), m.rowsCopied(), m.elapsedMillis(), m.freezeMillis()));
            }
            b.append("</table>");
        }
        return b.toString();
    }

    private static String shards(List<ShardInfo> list) {
        StringBuilder b = new StringBuilder("<table><tr><th>shard</th><th>keys</th><th>node</th><th>rows</th></tr>");
        for (ShardInfo s : list) {
            if (s.group().equals("readings")) {
                b.append("<tr><td>").append(s.shardId()).append("</td><td>").append(esc(s.keys())).append("</td><td>")
                        .append(s.node()).append("</td><td>").append(s.estimatedRows()).append("</td></tr>");
            }
        }
        return b.append("</table>").toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
