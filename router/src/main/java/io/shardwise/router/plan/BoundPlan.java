package io.shardwise.router.plan;

import io.shardwise.router.sql.NormalizedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement with literals, served by the cached plan of its normalised text ({@code ... WHERE id = 7} by the plan
 * of {@code ... WHERE id = ?}): the literal values are bound as that plan's parameters. Where the shared plan would
 * send "the application's own text", this sends the original text with its literals, so the node sees exactly what
 * the application wrote; rewritten statements (multi-row INSERT shares, scatter queries) carry the literal values as
 * parameters.
 */
public final class BoundPlan implements StatementPlan {
    private final NormalizedStatement normalized;
    private final StatementPlan shared;
    /** Single-node routes with the original text, by the shared plan's route they stand for (built on first use). */
    private final java.util.concurrent.ConcurrentHashMap<Route, Route> singles = new java.util.concurrent.ConcurrentHashMap<>();

    public BoundPlan(NormalizedStatement normalized, StatementPlan shared) {
        this.normalized = normalized;
        this.shared = shared;
    }

    @Override
    public StatementKind kind() {
        return shared.kind();
    }

    @Override
    public String sql() {
        return normalized.original();
    }

    @Override
    public int parameterCount() {
        return normalized.applicationParameterCount();
    }

    /** The cached plan of the normalised text. */
    public StatementPlan shared() {
        return shared;
    }

    @Override
    public Route route(ParameterSource params) throws SQLException {
        Route r = shared.route(normalized.bind(params));
        if (r.singleNode() && r.statements().get(0).params() == null) {
            // The shared plan's prebuilt route for a node: its original-text twin is as reusable (the key's source
            // is fixed per text), so a BoundPlan kept by a PreparedStatement routes without building a Route.
            Route twin = singles.get(r);
            if (twin == null) {
                twin = translate(r);
                singles.putIfAbsent(r, twin);
            }
            return twin;
        }
        return translate(r);
    }

    private Route translate(Route r) {
        List<NodeStatement> statements = new ArrayList<>(r.statements().size());
        for (NodeStatement s : r.statements()) {
            statements.add(s.params() == null ? new NodeStatement(s.node(), normalized.original(), null) : s);
        }
        int keyParameter = 0;
        Object keyLiteral = r.keyLiteral();
        if (r.keyParameter() > 0) {
            if (normalized.isLiteral(r.keyParameter())) {
                keyLiteral = normalized.literal(r.keyParameter());
            } else {
                keyParameter = normalized.applicationParameter(r.keyParameter());
            }
        }
        return new Route(statements, r.merge(), r.returnsResultSet(), r.write(), r.group(), r.strategy(),
                keyParameter, keyLiteral);
    }

    @Override
    public List<Object> writeKeys(ParameterSource params) {
        return shared.writeKeys(normalized.bind(params));
    }

    @Override
    public String toString() {
        return "bound " + shared;
    }
}
