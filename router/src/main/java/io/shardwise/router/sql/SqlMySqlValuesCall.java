package io.shardwise.router.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * MySQL's {@code VALUES(col)} inside {@code ON DUPLICATE KEY UPDATE}: the value the INSERT would have written to
 * {@code col}. Parsed as a call of {@link #OPERATOR} with the column identifier as its only operand.
 */
public final class SqlMySqlValuesCall {

    public static final SqlFunction OPERATOR = new SqlFunction("VALUES", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0,
            null, OperandTypes.ANY, SqlFunctionCategory.SYSTEM) {
        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            SqlWriter.Frame frame = writer.startFunCall("VALUES");
            call.operand(0).unparse(writer, 0, 0);
            writer.endFunCall(frame);
        }
    };

    private SqlMySqlValuesCall() {
    }

    /** Whether the node is a {@code VALUES(col)} call. */
    public static boolean isValuesCall(org.apache.calcite.sql.SqlNode node) {
        return node instanceof SqlCall call && call.getOperator() == OPERATOR;
    }
}
