package io.shardwise.driver.merge;

import io.shardwise.router.plan.MergeSpec;
import io.shardwise.router.plan.MergeSpec.Aggregate;
import io.shardwise.router.plan.MergeSpec.AggregateKind;
import io.shardwise.router.plan.MergeSpec.SortKey;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Builds MergeSpecs in tests the way the router will: H2's default null ordering (NULLS FIRST ascending). */
final class SpecBuilder {

    private final int visible;
    private Aggregate[] aggregates;
    private int[] groupBy;
    private Predicate<Object[]> having;
    private boolean distinct;
    private final List<SortKey> orderBy = new ArrayList<>();
    private long offset;
    private long limit = -1;

    private SpecBuilder(int visible) {
        this.visible = visible;
    }

    static SpecBuilder visible(int columns) {
        return new SpecBuilder(columns);
    }

    SpecBuilder asc(int column) {
        orderBy.add(new SortKey(column, false, true));
        return this;
    }

    SpecBuilder desc(int column) {
        orderBy.add(new SortKey(column, true, false));
        return this;
    }

    SpecBuilder sort(int column, boolean descending, boolean nullsFirst) {
        orderBy.add(new SortKey(column, descending, nullsFirst));
        return this;
    }

    SpecBuilder distinct() {
        distinct = true;
        return this;
    }

    SpecBuilder offset(long offset) {
        this.offset = offset;
        return this;
    }

    SpecBuilder limit(long limit) {
        this.limit = limit;
        return this;
    }

    SpecBuilder groupBy(int... columns) {
        groupBy = columns;
        return this;
    }

    SpecBuilder having(Predicate<Object[]> having) {
        this.having = having;
        return this;
    }

    /** One entry per node column: "NONE", "COUNT", "SUM", "MIN", "MAX" or "AVG:sumColumn:countColumn". */
    SpecBuilder aggregates(String... kinds) {
        aggregates = new Aggregate[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            String[] parts = kinds[i].split(":");
            AggregateKind kind = AggregateKind.valueOf(parts[0]);
            aggregates[i] = parts.length == 3
                    ? new Aggregate(kind, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]))
                    : Aggregate.of(kind);
        }
        return this;
    }

    MergeSpec build() {
        return new MergeSpec(visible, aggregates, groupBy, having, distinct, List.copyOf(orderBy), offset, limit);
    }
}
