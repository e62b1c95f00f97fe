package io.shardwise.router.sql;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A query with a row-locking clause: {@code SELECT ... FOR UPDATE | FOR NO KEY UPDATE | FOR SHARE | FOR KEY SHARE
 * [OF t, ...] [NOWAIT | SKIP LOCKED]}, or MySQL's {@code LOCK IN SHARE MODE}. The stock query (a
 * {@link org.apache.calcite.sql.SqlSelect}, or a {@link org.apache.calcite.sql.SqlOrderBy} around one when the query
 * has ORDER BY/LIMIT/OFFSET) is kept unchanged in {@link #query()}.
 */
public final class SqlLockingQuery extends SqlCall implements SqlExtendedStatement {

    /** How strongly the selected rows are locked. */
    public enum Strength {
        UPDATE("FOR UPDATE"),
        NO_KEY_UPDATE("FOR NO KEY UPDATE"),
        SHARE("FOR SHARE"),
        KEY_SHARE("FOR KEY SHARE");

        private final String sql;

        Strength(String sql) {
            this.sql = sql;
        }

        /** The clause as PostgreSQL and MySQL 8 write it. */
        public String sql() {
            return sql;
        }
    }

    /** What happens when a row is already locked by another transaction. */
    public enum WaitPolicy {
        WAIT, NOWAIT, SKIP_LOCKED
    }

    public static final SqlOperator OPERATOR = new SqlSpecialOperator("LOCKING QUERY", SqlKind.OTHER) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos,
                SqlNode... operands) {
            return new SqlLockingQuery(pos, operands[0], ((SqlLiteral) operands[1]).getValueAs(Strength.class),
                    (SqlNodeList) operands[2], ((SqlLiteral) operands[3]).getValueAs(WaitPolicy.class));
        }
    };

    private final SqlNode query;
    private final Strength strength;
    private final SqlNodeList ofTables;
    private final WaitPolicy waitPolicy;

    public SqlLockingQuery(SqlParserPos pos, SqlNode query, Strength strength, SqlNodeList ofTables,
            WaitPolicy waitPolicy) {
        super(pos);
        this.query = query;
        this.strength = strength;
        this.ofTables = ofTables;
        this.waitPolicy = waitPolicy;
    }

    /** The stock query, unchanged. */
    public SqlNode query() {
        return query;
    }

    @Override
    public SqlNode statement() {
        return query;
    }

    public Strength strength() {
        return strength;
    }

    /** The tables named by {@code OF t, ...}, or null when the clause locks rows of every table. */
    public SqlNodeList ofTables() {
        return ofTables;
    }

    public WaitPolicy waitPolicy() {
        return waitPolicy;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(query, SqlLiteral.createSymbol(strength, SqlParserPos.ZERO), ofTables,
                SqlLiteral.createSymbol(waitPolicy, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        query.unparse(writer, 0, 0);
        writer.keyword(strength.sql());
        if (ofTables != null) {
            writer.keyword("OF");
            SqlExtendedStatement.unparseCommaList(writer, ofTables);
        }
        switch (waitPolicy) {
            case NOWAIT -> writer.keyword("NOWAIT");
            case SKIP_LOCKED -> writer.keyword("SKIP LOCKED");
            default -> { }
        }
    }
}
