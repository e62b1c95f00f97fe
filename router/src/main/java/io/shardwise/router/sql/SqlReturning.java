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
 * PostgreSQL's {@code RETURNING item, ...} after an INSERT (possibly a {@link SqlUpsert}), UPDATE or DELETE. The
 * statement is kept unchanged in {@link #statement()}; the items are select items ({@code *}, expressions,
 * {@code expr AS alias}).
 */
public final class SqlReturning extends SqlCall implements SqlExtendedStatement {

    public static final SqlOperator OPERATOR = new SqlSpecialOperator("RETURNING", SqlKind.OTHER) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlReturning(pos, operands[0], (SqlNodeList) operands[1]);
        }
    };

    private final SqlNode statement;
    private final SqlNodeList items;

    public SqlReturning(SqlParserPos pos, SqlNode statement, SqlNodeList items) {
        super(pos);
        this.statement = statement;
        this.items = items;
    }

    @Override
    public SqlNode statement() {
        return statement;
    }

    /** The returned items, as in a select list. */
    public SqlNodeList items() {
        return items;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(statement, items);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        statement.unparse(writer, 0, 0);
        writer.keyword("RETURNING");
        SqlExtendedStatement.unparseCommaList(writer, items);
    }
}
