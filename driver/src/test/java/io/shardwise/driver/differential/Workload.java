package io.shardwise.driver.differential;

import io.shardwise.router.plan.MergeSpec;
import io.shardwise.router.plan.MergeSpec.Aggregate;
import io.shardwise.router.plan.MergeSpec.AggregateKind;
import io.shardwise.router.plan.MergeSpec.SortKey;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * A seeded random workload over {@link Schema}'s tables: inserts (one and many rows), updates of non-key columns by
 * key, key range and other columns, deletes, and selects: point, IN, ranges, scatter ORDER BY/LIMIT/OFFSET,
 * aggregates, GROUP BY with HAVING, DISTINCT. Every ORDER BY ends in the unique key (or the unique group key), so each
 * query has exactly one right answer. The same seed gives the same operations.
 */
final class Workload {

    /** Which statements the workload may contain. */
    enum Mix {
        /** Everything, including statements whose multi-node results must be merged. */
        ALL,
        /** Only statements whose multi-node answer needs no merging (writes, and selects without ORDER BY, LIMIT,
         * aggregates, GROUP BY or DISTINCT): for a router that does not plan merges yet. */
        NO_MERGE
    }

    private final Random random;
    private final Mix mix;
    private final Map<String, List<Long>> liveKeys = new HashMap<>();
    private final Set<Long> usedKeys = new HashSet<>();

    Workload(long seed) {
        this(seed, Mix.ALL);
    }

    Workload(long seed, Mix mix) {
        this.random = new Random(seed);
        this.mix = mix;
        for (String t : Schema.TABLES) {
            liveKeys.put(t, new ArrayList<>());
        }
    }

    /** The rows every target starts with. */
    List<Operation> initialLoad(int rowsPerTable) {
        List<Operation> ops = new ArrayList<>();
        for (String table : Schema.TABLES) {
            for (int i = 0; i < rowsPerTable; i += 20) {
                ops.add(insert(table, Math.min(20, rowsPerTable - i)));
            }
        }
        return ops;
    }

    Operation next() {
        String table = Schema.TABLES.get(random.nextInt(Schema.TABLES.size()));
        int dice = random.nextInt(mix == Mix.ALL ? 100 : 63);
        if (dice < 12) {
            return insert(table, 1);
        } else if (dice < 16) {
            return insert(table, 2 + random.nextInt(5));
        } else if (dice < 24) {
            return updateByKey(table);
        } else if (dice < 28) {
            return updateByKeyRange(table);
        } else if (dice < 31) {
            return updateScatter(table);
        } else if (dice < 36) {
            return deleteByKey(table);
        } else if (dice < 38) {
            return deleteByKeyRange(table);
        } else if (dice < 39) {
            return deleteScatter(table);
        } else if (dice < 49) {
            return pointSelect(table);
        } else if (dice < 56) {
            return inSelect(table);
        } else if (dice < 63) {
            return rangeSelect(table);
        } else if (dice < 74) {
            return topN(table);
        } else if (dice < 82) {
            return aggregates(table);
        } else if (dice < 92) {
            return groupBy(table);
        } else {
            return distinct(table);
        }
    }

    // ---- writes ----

    private Operation insert(String table, int rows) {
        List<Object[]> values = new ArrayList<>(rows);
        List<Object> params = new ArrayList<>();
        StringJoiner tuples = new StringJoiner(", ");
        for (int i = 0; i < rows; i++) {
            long id = freshKey();
            liveKeys.get(table).add(id);
            Object[] row = row(id);
            values.add(row);
            StringJoiner t = new StringJoiner(", ", "(", ")");
            for (Object v : row) {
                t.add("?");
                params.add(v);
            }
            tuples.add(t.toString());
        }
        Operation.Prepared p = new Operation.Prepared(
                "INSERT INTO " + table + " (" + String.join(", ", Schema.COLUMNS) + ") VALUES " + tuples,
                params.toArray());
        return new Operation.Insert(fill(p), table, values, maybe(p));
    }

    private long freshKey() {
        long id;
        do {
            id = 1 + (long) (random.nextDouble() * (Schema.KEY_SPACE - 1));
        } while (!usedKeys.add(id));
        return id;
    }

    private Object[] row(long id) {
        return new Object[] {id, grp(), nullable(() -> random.nextInt(1001) - 500),
                nullable(() -> (long) (random.nextDouble() * 1e12)),
                nullable(() -> BigDecimal.valueOf(random.nextInt(2_000_001) - 1_000_000, 2)),
                nullable(() -> (random.nextInt(8001) - 4000) / 16.0),
                nullable(() -> Date.valueOf(LocalDate.of(2024, 1, 1).plusDays(random.nextInt(366)))),
                nullable(() -> Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 0, 0)
                        .plusSeconds(random.nextInt(10_000_000)).plusNanos(random.nextInt(4) * 250_000_000L))),
                nullable(() -> (random.nextBoolean() ? "note" : "Note") + random.nextInt(40)),
                nullable(random::nextBoolean)};
    }

    private String grp() {
        return random.nextInt(10) == 0 ? null : "g" + random.nextInt(6);
    }

    private Object nullable(java.util.function.Supplier<Object> value) {
        return random.nextInt(8) == 0 ? null : value.get();
    }

    private Operation updateByKey(String table) {
        long id = someKey(table);
        String set = switch (random.nextInt(4)) {
            case 0 -> "n = n + " + (random.nextInt(21) - 10);
            case 1 -> "note = " + Schema.literal("upd" + random.nextInt(50)) + ", flag = NOT flag";
            case 2 -> "amount = " + Schema.literal(BigDecimal.valueOf(random.nextInt(100_000), 2)) + ", grp = "
                    + Schema.literal(grp());
            default -> "ratio = NULL, ts = " + Schema.literal(Timestamp.valueOf(
                    LocalDateTime.of(2025, 1, 1, 0, 0).plusMinutes(random.nextInt(100_000))));
        };
        Operation.Prepared p = new Operation.Prepared("UPDATE " + table + " SET " + set + " WHERE id = ?",
                new Object[] {id});
        return new Operation.Write(fill(p), table, new long[] {id}, maybe(p));
    }

    private Operation updateByKeyRange(String table) {
        long[] range = keyRange();
        String sql = "UPDATE " + table + " SET big = big + " + random.nextInt(1000) + ", opened = "
                + Schema.literal(Date.valueOf(LocalDate.of(2024, 6, 1).plusDays(random.nextInt(30))))
                + " WHERE id BETWEEN " + range[0] + " AND " + range[1];
        return new Operation.Write(sql, table, null, null);
    }

    private Operation updateScatter(String table) {
        String sql = "UPDATE " + table + " SET n = COALESCE(n, 0) - 1, note = " + Schema.literal("sc" + random.nextInt(9))
                + " WHERE grp = " + Schema.literal("g" + random.nextInt(6)) + " AND n > " + (random.nextInt(800) - 400);
        return new Operation.Write(sql, table, null, null);
    }

    private Operation deleteByKey(String table) {
        List<Long> live = liveKeys.get(table);
        if (random.nextInt(3) == 0 || live.size() < 3) {
            long id = someKey(table);
            live.remove(id);
            Operation.Prepared p = new Operation.Prepared("DELETE FROM " + table + " WHERE id = ?", new Object[] {id});
            return new Operation.Write(fill(p), table, new long[] {id}, maybe(p));
        }
        long[] keys = someKeys(table, 2 + random.nextInt(3));
        for (long k : keys) {
            live.remove(k);
        }
        Operation.Prepared p = new Operation.Prepared("DELETE FROM " + table + " WHERE id IN (" + marks(keys.length)
                + ")", boxed(keys));
        return new Operation.Write(fill(p), table, keys, maybe(p));
    }

    private Operation deleteByKeyRange(String table) {
        long lo = 1 + (long) (random.nextDouble() * (Schema.KEY_SPACE - 2000));
        long hi = lo + random.nextInt(2000);
        liveKeys.get(table).removeIf(k -> k >= lo && k <= hi);
        return new Operation.Write("DELETE FROM " + table + " WHERE id >= " + lo + " AND id <= " + hi, table, null,
                null);
    }

    private Operation deleteScatter(String table) {
        // Rows removed here stay in the live-key list: reads of them simply find nothing.
        String sql = "DELETE FROM " + table + " WHERE note = " + Schema.literal("note" + random.nextInt(40))
                + " AND flag = " + (random.nextBoolean() ? "TRUE" : "FALSE");
        return new Operation.Write(sql, table, null, null);
    }

    // ---- reads ----

    private Operation pointSelect(String table) {
        long id = random.nextInt(10) == 0 ? freshUnusedLookingKey() : someKey(table);
        Operation.Prepared p = new Operation.Prepared("SELECT * FROM " + table + " WHERE id = ?", new Object[] {id});
        String sql = fill(p);
        return query(sql, table, new long[] {id}, sql, plain(Schema.COLUMNS.size()).build(), true, maybe(p));
    }

    private Operation inSelect(String table) {
        long[] keys = someKeys(table, 1 + random.nextInt(6));
        boolean ordered = random.nextBoolean() && mix == Mix.ALL;
        Operation.Prepared p = new Operation.Prepared("SELECT id, grp, n, amount, ts FROM " + table
                + " WHERE id IN (" + marks(keys.length) + ")" + (ordered ? " ORDER BY id DESC" : ""), boxed(keys));
        String sql = fill(p);
        Spec spec = plain(5);
        if (ordered) {
            spec.order(0, true);
        }
        return query(sql, table, keys, sql, spec.build(), ordered, maybe(p));
    }

    private Operation rangeSelect(String table) {
        long[] range = keyRange();
        switch (mix == Mix.ALL ? random.nextInt(3) : 1) {
            case 0 -> {
                Operation.Prepared p = new Operation.Prepared("SELECT id, note, ts, flag FROM " + table
                        + " WHERE id BETWEEN ? AND ? ORDER BY id", new Object[] {range[0], range[1]});
                String sql = fill(p);
                return query(sql, table, null, sql, plain(4).order(0, false).build(), true, maybe(p));
            }
            case 1 -> {
                String sql = "SELECT id, big, opened FROM " + table + " WHERE id >= " + range[0] + " AND id < "
                        + range[1];
                return query(sql, table, null, sql, plain(3).build(), false);
            }
            default -> {
                int limit = 1 + random.nextInt(20);
                String where = " WHERE id < " + range[0] + " OR id > " + range[1] + " ORDER BY id DESC";
                String sql = "SELECT id, ratio FROM " + table + where + " LIMIT " + limit;
                return query(sql, table, null, sql, plain(2).order(0, true).limit(0, limit).build(), true);
            }
        }
    }

    private Operation topN(String table) {
        String column = Schema.SORTABLE.get(random.nextInt(Schema.SORTABLE.size()));
        boolean desc = random.nextBoolean();
        boolean idDesc = random.nextBoolean();
        int limit = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30);
        int offset = random.nextInt(3) == 0 ? random.nextInt(40) : 0;
        String where = scatterWhere();
        String orderBy = " ORDER BY " + column + (desc ? " DESC" : "") + ", id" + (idDesc ? " DESC" : "");
        String window = " LIMIT ?" + (offset > 0 ? " OFFSET ?" : "");
        Object[] windowParams = offset > 0 ? new Object[] {limit, offset} : new Object[] {limit};
        String nodeWindow = " LIMIT " + (limit + offset);
        boolean hidden = !column.equals("note") && random.nextInt(3) == 0;
        if (hidden) {
            // ORDER BY a column the application did not select: the node returns it as a hidden column.
            Operation.Prepared p = new Operation.Prepared("SELECT id, note FROM " + table + where + orderBy + window,
                    windowParams);
            String nodeSql = "SELECT id, note, " + column + " FROM " + table + where + orderBy + nodeWindow;
            MergeSpec spec = plain(2).order(2, desc).order(0, idDesc).limit(offset, limit).build();
            return query(fill(p), table, null, nodeSql, spec, true, maybe(p));
        }
        String third = column.equals("note") ? "grp" : "note";
        String select = "SELECT id, " + column + ", " + third + " FROM " + table + where + orderBy;
        MergeSpec spec = plain(3).order(1, desc).order(0, idDesc).limit(offset, limit).build();
        Operation.Prepared p = new Operation.Prepared(select + window, windowParams);
        return query(fill(p), table, null, select + nodeWindow, spec, true, maybe(p));
    }

    private String scatterWhere() {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> " WHERE n > " + (random.nextInt(1000) - 500);
            case 2 -> " WHERE grp = " + Schema.literal("g" + random.nextInt(6));
            default -> {
                long[] r = keyRange();
                yield " WHERE id BETWEEN " + r[0] + " AND " + r[1] * 4;
            }
        };
    }

    /** An aggregate the application may select, and how its partials combine. */
    private record Agg(String sql, AggregateKind kind, String argument) {
    }

    private static final List<Agg> AGGREGATES = List.of(
            new Agg("COUNT(*)", AggregateKind.COUNT, null),
            new Agg("COUNT(n)", AggregateKind.COUNT, "n"),
            new Agg("SUM(n)", AggregateKind.SUM, "n"),
            new Agg("SUM(big)", AggregateKind.SUM, "big"),
            new Agg("SUM(amount)", AggregateKind.SUM, "amount"),
            new Agg("SUM(ratio)", AggregateKind.SUM, "ratio"),
            new Agg("MIN(note)", AggregateKind.MIN, "note"),
            new Agg("MAX(ts)", AggregateKind.MAX, "ts"),
            new Agg("MIN(opened)", AggregateKind.MIN, "opened"),
            new Agg("MAX(amount)", AggregateKind.MAX, "amount"),
            new Agg("MIN(ratio)", AggregateKind.MIN, "ratio"),
            new Agg("AVG(n)", AggregateKind.AVG, "n"),
            new Agg("AVG(big)", AggregateKind.AVG, "big"),
            new Agg("AVG(amount)", AggregateKind.AVG, "amount"),
            new Agg("AVG(ratio)", AggregateKind.AVG, "ratio"));

    /** Builds a select list of group keys and aggregates, with the hidden columns a router would append. */
    private static final class AggregateQuery {
        final List<String> visible = new ArrayList<>();
        final List<String> hidden = new ArrayList<>();
        final List<Aggregate> aggregates = new ArrayList<>();
        final List<int[]> pendingAvg = new ArrayList<>(); // {avg position}; its SUM/COUNT columns come at the end
        final List<String> avgArguments = new ArrayList<>();
        final List<AggregateKind> hiddenKinds = new ArrayList<>();

        int addKey(String column) {
            visible.add(column);
            aggregates.add(Aggregate.NONE);
            return visible.size() - 1;
        }

        void addVisible(Agg a) {
            visible.add(a.sql());
            if (a.kind() == AggregateKind.AVG) {
                aggregates.add(null); // filled in build()
                pendingAvg.add(new int[] {visible.size() - 1});
                avgArguments.add(a.argument());
            } else {
                aggregates.add(Aggregate.of(a.kind()));
            }
        }

        /** A node column the application does not see (for HAVING); its index is known once the list is built. */
        void addHidden(String sql, AggregateKind kind) {
            hidden.add(sql);
            hiddenKinds.add(kind);
        }

        String nodeSelectList(List<Aggregate> out, int[] hiddenIndexes) {
            List<String> cols = new ArrayList<>(visible);
            out.addAll(aggregates);
            for (int i = 0; i < pendingAvg.size(); i++) {
                String arg = avgArguments.get(i);
                cols.add("SUM(" + arg + ")");
                out.add(Aggregate.of(AggregateKind.SUM));
                cols.add("COUNT(" + arg + ")");
                out.add(Aggregate.of(AggregateKind.COUNT));
                out.set(pendingAvg.get(i)[0], new Aggregate(AggregateKind.AVG, cols.size() - 2, cols.size() - 1));
            }
            for (int i = 0; i < hidden.size(); i++) {
                cols.add(hidden.get(i));
                out.add(Aggregate.of(hiddenKinds.get(i)));
                hiddenIndexes[i] = cols.size() - 1;
            }
            return String.join(", ", cols);
        }
    }

    private Operation aggregates(String table) {
        AggregateQuery q = new AggregateQuery();
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            q.addVisible(AGGREGATES.get(random.nextInt(AGGREGATES.size())));
        }
        String where = random.nextBoolean() ? scatterWhere() : " WHERE id < 0"; // sometimes no rows at all
        if (random.nextInt(3) != 0 && where.equals(" WHERE id < 0")) {
            where = "";
        }
        List<Aggregate> aggs = new ArrayList<>();
        String nodeList = q.nodeSelectList(aggs, new int[0]);
        String sql = "SELECT " + String.join(", ", q.visible) + " FROM " + table + where;
        String nodeSql = "SELECT " + nodeList + " FROM " + table + where;
        MergeSpec spec = new MergeSpec(q.visible.size(), aggs.toArray(new Aggregate[0]), new int[0], null, false,
                List.of(), 0, -1);
        return query(sql, table, null, nodeSql, spec, true);
    }

    private Operation groupBy(String table) {
        AggregateQuery q = new AggregateQuery();
        List<String> keys = switch (random.nextInt(3)) {
            case 0 -> List.of("grp");
            case 1 -> List.of("flag");
            default -> List.of("grp", "flag");
        };
        int[] keyColumns = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            keyColumns[i] = q.addKey(keys.get(i));
        }
        int count = 1 + random.nextInt(4);
        boolean hasCount = false;
        for (int i = 0; i < count; i++) {
            Agg a = AGGREGATES.get(random.nextInt(AGGREGATES.size()));
            hasCount |= a.sql().equals("COUNT(*)");
            q.addVisible(a);
        }
        String where = random.nextBoolean() ? scatterWhere() : "";
        // HAVING over an aggregate the application may or may not select (then it is a hidden node column).
        String havingSql = null;
        int havingKind = random.nextInt(4);
        long threshold;
        if (havingKind == 0) {
            threshold = random.nextInt(60);
            havingSql = "COUNT(*) > ?";
            q.addHidden("COUNT(*)", AggregateKind.COUNT);
        } else if (havingKind == 1) {
            threshold = random.nextInt(20_000) - 10_000;
            havingSql = "SUM(n) > " + threshold;
            q.addHidden("SUM(n)", AggregateKind.SUM);
        } else if (havingKind == 2) {
            threshold = random.nextInt(2_000_000) - 1_000_000;
            havingSql = "MIN(amount) < " + BigDecimal.valueOf(threshold, 2).toPlainString();
            q.addHidden("MIN(amount)", AggregateKind.MIN);
        } else {
            threshold = 0;
        }
        List<Aggregate> aggs = new ArrayList<>();
        int[] hiddenIndexes = new int[q.hidden.size()];
        String nodeList = q.nodeSelectList(aggs, hiddenIndexes);
        Predicate<Object[]> having = null;
        if (havingSql != null) {
            int column = hiddenIndexes[0];
            long t = threshold;
            having = switch (havingKind) {
                case 0 -> r -> ((Long) r[column]) > t;
                case 1 -> r -> r[column] != null && ((Long) r[column]) > t;
                default -> r -> r[column] != null
                        && ((BigDecimal) r[column]).compareTo(BigDecimal.valueOf(t, 2)) < 0;
            };
        }
        String groupList = String.join(", ", keys);
        List<SortKey> order = new ArrayList<>();
        String orderSql = "";
        long limit = -1;
        int shape = random.nextInt(3);
        if (shape >= 1) {
            boolean desc = random.nextBoolean();
            for (int k : keyColumns) {
                order.add(new SortKey(k, desc, !desc));
            }
            orderSql = " ORDER BY " + String.join(desc ? " DESC, " : ", ", keys) + (desc ? " DESC" : "");
            if (shape == 2) {
                limit = 1 + random.nextInt(5);
                orderSql += " LIMIT " + limit;
            }
        }
        Operation.Prepared p = new Operation.Prepared("SELECT " + String.join(", ", q.visible) + " FROM " + table
                + where + " GROUP BY " + groupList + (havingSql == null ? "" : " HAVING " + havingSql) + orderSql,
                havingKind == 0 ? new Object[] {threshold} : new Object[0]);
        String sql = fill(p);
        String nodeSql = "SELECT " + nodeList + " FROM " + table + where + " GROUP BY " + groupList;
        MergeSpec spec = new MergeSpec(q.visible.size(), aggs.toArray(new Aggregate[0]), keyColumns, having, false,
                order, 0, limit);
        return query(sql, table, null, nodeSql, spec, !order.isEmpty(), havingKind == 0 ? maybe(p) : null);
    }

    private Operation distinct(String table) {
        String where = random.nextBoolean() ? scatterWhere() : "";
        switch (random.nextInt(3)) {
            case 0 -> {
                String sql = "SELECT DISTINCT grp FROM " + table + where;
                return query(sql, table, null, sql, plain(1).distinct().build(), false);
            }
            case 1 -> {
                String sql = "SELECT DISTINCT grp, flag FROM " + table + where + " ORDER BY grp, flag";
                return query(sql, table, null, sql, plain(2).distinct().order(0, false).order(1, false).build(),
                        true);
            }
            default -> {
                int limit = 1 + random.nextInt(10);
                int offset = random.nextInt(5);
                String base = "SELECT DISTINCT n FROM " + table + where + " ORDER BY n DESC";
                String sql = base + " LIMIT " + limit + " OFFSET " + offset;
                return query(sql, table, null, base + " LIMIT " + (limit + offset),
                        plain(1).distinct().order(0, true).limit(offset, limit).build(), true);
            }
        }
    }

    // ---- helpers ----

    private static Operation query(String sql, String table, long[] keys, String nodeSql, MergeSpec spec,
            boolean ordered) {
        return new Operation.Query(sql, table, keys, nodeSql, spec, ordered, null);
    }

    private static Operation query(String sql, String table, long[] keys, String nodeSql, MergeSpec spec,
            boolean ordered, Operation.Prepared prepared) {
        return new Operation.Query(sql, table, keys, nodeSql, spec, ordered, prepared);
    }

    /** Half the statements that have a placeholder form run as PreparedStatements, half as plain Statements. */
    private Operation.Prepared maybe(Operation.Prepared p) {
        return random.nextBoolean() ? p : null;
    }

    /** The literal form of a prepared statement: each {@code ?} replaced by its value as a SQL literal. */
    static String fill(Operation.Prepared p) {
        StringBuilder s = new StringBuilder();
        int param = 0;
        String sql = p.sql();
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '?') {
                s.append(Schema.literal(p.params()[param++]));
            } else {
                s.append(c);
            }
        }
        if (param != p.params().length) {
            throw new IllegalStateException(param + " placeholders for " + p.params().length + " values: " + sql);
        }
        return s.toString();
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Object[] boxed(long[] keys) {
        Object[] o = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            o[i] = keys[i];
        }
        return o;
    }

    private long someKey(String table) {
        List<Long> live = liveKeys.get(table);
        return live.isEmpty() ? freshUnusedLookingKey() : live.get(random.nextInt(live.size()));
    }

    private long[] someKeys(String table, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = random.nextInt(6) == 0 ? freshUnusedLookingKey() : someKey(table);
        }
        return keys;
    }

    /** A key that probably matches no row (reads of missing rows must answer "nothing" everywhere). */
    private long freshUnusedLookingKey() {
        return 1 + (long) (random.nextDouble() * (Schema.KEY_SPACE - 1));
    }

    private long[] keyRange() {
        long lo = 1 + (long) (random.nextDouble() * (Schema.KEY_SPACE - 1));
        long width = random.nextInt(4) == 0 ? Schema.KEY_SPACE / 3 : random.nextInt(60_000);
        return new long[] {lo, Math.min(Schema.KEY_SPACE, lo + width)};
    }

    private static Spec plain(int visible) {
        return new Spec(visible);
    }

    /** A MergeSpec without aggregation, in H2's default null order (NULLS FIRST ascending, LAST descending). */
    private static final class Spec {
        private final int visible;
        private final List<SortKey> order = new ArrayList<>();
        private boolean distinct;
        private long offset;
        private long limit = -1;

        Spec(int visible) {
            this.visible = visible;
        }

        Spec order(int column, boolean desc) {
            order.add(new SortKey(column, desc, !desc));
            return this;
        }

        Spec distinct() {
            distinct = true;
            return this;
        }

        Spec limit(long offset, long limit) {
            this.offset = offset;
            this.limit = limit;
            return this;
        }

        MergeSpec build() {
            return new MergeSpec(visible, null, null, null, distinct, List.copyOf(order), offset, limit);
        }
    }
}
