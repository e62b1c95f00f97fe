package io.shardwise.router.sql;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;

/**
 * A statement of ours that wraps a stock Calcite statement ({@link org.apache.calcite.sql.SqlSelect},
 * {@link org.apache.calcite.sql.SqlOrderBy}, {@link org.apache.calcite.sql.SqlInsert},
 * {@link org.apache.calcite.sql.SqlUpdate}, {@link org.apache.calcite.sql.SqlDelete}) and adds a clause to it.
 * Wrappers nest ({@code INSERT ... ON CONFLICT ... RETURNING} is a {@link SqlReturning} around a {@link SqlUpsert}
 * around a {@code SqlInsert}); {@link #stock(SqlNode)} unwraps all of them.
 */
public interface SqlExtendedStatement {

    /** The statement this one extends: a stock node or another wrapper. */
    SqlNode statement();

    /** The stock Calcite statement inside any number of wrappers (the node itself when it is not a wrapper). */
    static SqlNode stock(SqlNode node) {
        SqlNode current = node;
        while (current instanceof SqlExtendedStatement extended) {
            current = extended.statement();
        }
        return current;
    }

    /** The wrapper of the given type around (or equal to) the node, or null. */
    static <T extends SqlExtendedStatement> T find(SqlNode node, Class<T> type) {
        SqlNode current = node;
        while (current instanceof SqlExtendedStatement extended) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = extended.statement();
        }
        return null;
    }

    /** Writes {@code a, b, c}. */
    static void unparseCommaList(SqlWriter writer, SqlNodeList list) {
        SqlWriter.Frame frame = writer.startList("", "");
        for (SqlNode item : list) {
            writer.sep(",");
            item.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
