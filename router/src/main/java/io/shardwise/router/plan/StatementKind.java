package io.shardwise.router.plan;

/** What a statement does, as far as the driver's execution cares. */
public enum StatementKind {
    QUERY(false, true),
    INSERT(true, false),
    UPDATE(true, false),
    DELETE(true, false),
    /** CREATE/ALTER/DROP TABLE, CREATE/DROP INDEX, TRUNCATE: run on every node that holds the table. */
    DDL(true, false),
    /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT, SET ... sent as SQL: the driver maps them to connection methods. */
    TRANSACTION_CONTROL(false, false);

    private final boolean write;
    private final boolean query;

    StatementKind(boolean write, boolean query) {
        this.write = write;
        this.query = query;
    }

    public boolean isWrite() {
        return write;
    }

    public boolean isQuery() {
        return query;
    }
}
