package io.shardwise.router.plan;

/** A statement that goes to the same place on every execution: plain tables, reference tables, DDL, hints. */
class FixedPlan implements StatementPlan {
    private final StatementKind kind;
    private final String sql;
    private final int parameterCount;
    private final Route route;

    FixedPlan(StatementKind kind, String sql, int parameterCount, Route route) {
        this.kind = kind;
        this.sql = sql;
        this.parameterCount = parameterCount;
        this.route = route;
    }

    @Override
    public StatementKind kind() {
        return kind;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public Route route(ParameterSource params) {
        return route;
    }

    @Override
    public String toString() {
        return kind + " -> " + route.statements().stream().map(NodeStatement::node).toList();
    }
}
