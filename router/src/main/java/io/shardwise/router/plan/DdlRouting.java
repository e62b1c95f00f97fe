package io.shardwise.router.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where DDL goes: every node when it names a sharded or reference table (each node holds that table), the default
 * node when it names only plain tables. Read from the statement's tokens, not a grammar: DDL syntax differs most
 * between databases, and all the router needs is the table names.
 *
 * <ul>
 *   <li>{@code CREATE [...] TABLE [IF NOT EXISTS] t}, {@code ALTER TABLE [IF EXISTS] [ONLY] t},
 *       {@code DROP TABLE [IF EXISTS] t1, t2}, {@code TRUNCATE [TABLE] t}: the named tables.</li>
 *   <li>{@code CREATE [UNIQUE] INDEX ... ON t}, {@code DROP INDEX i ON t} (MySQL): the table after ON.</li>
 *   <li>Anything else ({@code DROP INDEX i} without a table, views, sequences, schemas): every node, so that objects
 *       the sharded tables may depend on exist everywhere. Force one node with a hint when that is wrong.</li>
 * </ul>
 */
final class DdlRouting {
    private DdlRouting() {
    }

    static StatementPlan plan(String sql, int params, List<String> tables, TableCatalog catalog,
                              RoutingContext context, ColumnLookup columns) {
        boolean everywhere = tables.isEmpty();
        for (String t : tables) {
            if (catalog.kind(t) != TableCatalog.Kind.PLAIN) {
                everywhere = true;
            }
        }
        List<NodeStatement> statements = new ArrayList<>();
        for (String n : everywhere ? context.nodes() : List.of(context.defaultNode())) {
            statements.add(new NodeStatement(n, sql, null));
        }
        Route route = new Route(List.copyOf(statements), null, false, true);
        return new FixedPlan(StatementKind.DDL, sql, params, route) {
            @Override
            public Route route(ParameterSource p) {
                columns.invalidate(); // table shapes may change: forget columns and the plans that used them
                return route;
            }
        };
    }

    /** The tables a DDL statement names; empty when it names none the router recognises. */
    static List<String> tables(String sql) {
        SqlTokens t = new SqlTokens(sql, false);
        List<String> words = new ArrayList<>();
        List<SqlTokens.Type> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (t.next()) {
            words.add(t.type() == SqlTokens.Type.WORD ? t.text().toUpperCase(Locale.ROOT) : t.text());
            types.add(t.type());
            names.add(t.identifier());
        }
        List<String> out = new ArrayList<>();
        int tableAt = words.indexOf("TABLE");
        boolean index = words.contains("INDEX");
        String verb = words.isEmpty() ? "" : words.get(0);
        if (index) {
            int on = words.indexOf("ON");
            if (on >= 0) {
                addName(out, words, types, names, on + 1);
            }
            return out;
        }
        if (tableAt < 0 && verb.equals("TRUNCATE")) {
            tableAt = 0;
        }
        if (tableAt < 0) {
            return out;
        }
        int i = tableAt + 1;
        while (i < words.size() && (words.get(i).equals("IF") || words.get(i).equals("NOT")
                || words.get(i).equals("EXISTS") || words.get(i).equals("ONLY"))) {
            i++;
        }
        i = addName(out, words, types, names, i);
        if (verb.equals("DROP") || verb.equals("TRUNCATE")) {
            while (i < words.size() && words.get(i).equals(",")) {
                i = addName(out, words, types, names, i + 1);
            }
        }
        return out;
    }

    /** Reads a possibly qualified name starting at token {@code i}; adds its last part; returns the next index. */
    private static int addName(List<String> out, List<String> words, List<SqlTokens.Type> types, List<String> names,
                               int i) {
        String last = null;
        while (i < words.size() && (types.get(i) == SqlTokens.Type.WORD
                || types.get(i) == SqlTokens.Type.QUOTED_IDENTIFIER)) {
            last = names.get(i);
            if (i + 1 < words.size() && words.get(i + 1).equals(".")) {
                i += 2;
            } else {
                i++;
                break;
            }
        }
        if (last != null) {
            out.add(last);
        }
        return i;
    }
}
