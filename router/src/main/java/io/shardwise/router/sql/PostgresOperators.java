package io.shardwise.router.sql;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's jsonb and array operators as Calcite operators, so statements using them parse, route, and re-print
 * as written ({@code left op right}). They are never validated or evaluated by Calcite: the node evaluates them.
 *
 * <p>Precedence 36 sits between comparisons (30) and {@code +}/{@code -} (40), as PostgreSQL ranks "any other
 * operator": {@code profile->>'tier' = 'gold'} compares the extracted text.
 */
public final class PostgresOperators {
    public static final SqlBinaryOperator JSON_GET = operator("->");
    public static final SqlBinaryOperator JSON_GET_TEXT = operator("->>");
    public static final SqlBinaryOperator JSON_PATH = operator("#>");
    public static final SqlBinaryOperator JSON_PATH_TEXT = operator("#>>");
    public static final SqlBinaryOperator CONTAINS = operator("@>");
    public static final SqlBinaryOperator CONTAINED_BY = operator("<@");
    public static final SqlBinaryOperator OVERLAPS = operator("&&");

    private PostgresOperators() {
    }

    private static SqlBinaryOperator operator(String name) {
        return new SqlBinaryOperator(name, SqlKind.OTHER, 36, true, ReturnTypes.explicit(SqlTypeName.ANY),
                InferTypes.FIRST_KNOWN, OperandTypes.ANY_ANY);
    }
}
