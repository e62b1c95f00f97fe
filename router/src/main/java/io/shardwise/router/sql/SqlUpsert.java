package io.shardwise.router.sql;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * An INSERT that updates or skips the row when it conflicts with an existing one: PostgreSQL's
 * {@code ON CONFLICT [(target, ...) [WHERE ...] | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ... [WHERE ...]}
 * or MySQL's {@code ON DUPLICATE KEY UPDATE col = expr, ...} (where {@code VALUES(col)} is a
 * {@link SqlMySqlValuesCall}), or MySQL's {@code INSERT IGNORE INTO} (style {@link Style#INSERT_IGNORE}, action
 * {@link Action#NOTHING}). The stock {@link SqlInsert} is kept unchanged in {@link #insert()}.
 */
public final class SqlUpsert extends SqlCall implements SqlExtendedStatement {

    public enum Style {
        /** PostgreSQL's ON CONFLICT ... DO NOTHING | DO UPDATE. */
        ON_CONFLICT,
        /** MySQL's ON DUPLICATE KEY UPDATE. */
        ON_DUPLICATE_KEY_UPDATE,
        /** MySQL's INSERT IGNORE INTO: action NOTHING, no conflict target. */
        INSERT_IGNORE
    }

    public enum Action {
        NOTHING, UPDATE
    }

    public static final SqlOperator OPERATOR = new SqlSpecialOperator("UPSERT", SqlKind.OTHER) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlUpsert(pos, (SqlInsert) operands[0], ((SqlLiteral) operands[1]).getValueAs(Style.class),
                    (SqlNodeList) operands[2], operands[3], (SqlIdentifier) operands[4],
                    ((SqlLiteral) operands[5]).getValueAs(Action.class), (SqlNodeList) operands[6],
                    (SqlNodeList) operands[7], operands[8]);
        }
    };

    private final SqlInsert insert;
    private final Style style;
    private final SqlNodeList conflictTarget;
    private final SqlNode conflictTargetWhere;
    private final SqlIdentifier conflictConstraint;
    private final Action action;
    private final SqlNodeList targetColumns;
    private final SqlNodeList sourceExpressions;
    private final SqlNode updateWhere;

    public SqlUpsert(SqlParserPos pos, SqlInsert insert, Style style, SqlNodeList conflictTarget,
            SqlNode conflictTargetWhere, SqlIdentifier conflictConstraint, Action action, SqlNodeList targetColumns,
            SqlNodeList sourceExpressions, SqlNode updateWhere) {
        super(pos);
        this.insert = insert;
        this.style = style;
        this.conflictTarget = conflictTarget;
        this.conflictTargetWhere = conflictTargetWhere;
        this.conflictConstraint = conflictConstraint;
        this.action = action;
        this.targetColumns = targetColumns;
        this.sourceExpressions = sourceExpressions;
        this.updateWhere = updateWhere;
    }

    /** The stock INSERT, unchanged. */
    public SqlInsert insert() {
        return insert;
    }

    @Override
    public SqlNode statement() {
        return insert;
    }

    public Style style() {
        return style;
    }

    /** ON CONFLICT's {@code (col, ...)} (columns or index expressions), or null. Always null for MySQL. */
    public SqlNodeList conflictTarget() {
        return conflictTarget;
    }

    /** The WHERE after ON CONFLICT's target (a partial unique index's predicate), or null. */
    public SqlNode conflictTargetWhere() {
        return conflictTargetWhere;
    }

    /** ON CONFLICT ON CONSTRAINT's name, or null. */
    public SqlIdentifier conflictConstraint() {
        return conflictConstraint;
    }

    public Action action() {
        return action;
    }

    /** The updated columns, parallel to {@link #sourceExpressions()}; null for DO NOTHING. */
    public SqlNodeList targetColumns() {
        return targetColumns;
    }

    /** The new values, parallel to {@link #targetColumns()}; null for DO NOTHING. */
    public SqlNodeList sourceExpressions() {
        return sourceExpressions;
    }

    /** DO UPDATE SET ... WHERE's condition, or null. */
    public SqlNode updateWhere() {
        return updateWhere;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(insert, SqlLiteral.createSymbol(style, SqlParserPos.ZERO), conflictTarget,
                conflictTargetWhere, conflictConstraint, SqlLiteral.createSymbol(action, SqlParserPos.ZERO),
                targetColumns, sourceExpressions, updateWhere);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (style == Style.INSERT_IGNORE) {
            writer.keyword("INSERT IGNORE INTO");
            insert.getTargetTable().unparse(writer, 0, 0);
            if (insert.getTargetColumnList() != null) {
                SqlWriter.Frame frame = writer.startList("(", ")");
                for (SqlNode column : insert.getTargetColumnList()) {
                    writer.sep(",");
                    column.unparse(writer, 0, 0);
                }
                writer.endList(frame);
            }
            insert.getSource().unparse(writer, 0, 0);
            return;
        }
        insert.unparse(writer, 0, 0);
        if (style == Style.ON_DUPLICATE_KEY_UPDATE) {
            writer.keyword("ON DUPLICATE KEY UPDATE");
            unparseAssignments(writer);
            return;
        }
        writer.keyword("ON CONFLICT");
        if (conflictTarget != null) {
            SqlWriter.Frame frame = writer.startList("(", ")");
            for (SqlNode item : conflictTarget) {
                writer.sep(",");
                item.unparse(writer, 0, 0);
            }
            writer.endList(frame);
            if (conflictTargetWhere != null) {
                writer.keyword("WHERE");
                conflictTargetWhere.unparse(writer, 0, 0);
            }
        } else if (conflictConstraint != null) {
            writer.keyword("ON CONSTRAINT");
            conflictConstraint.unparse(writer, 0, 0);
        }
        if (action == Action.NOTHING) {
            writer.keyword("DO NOTHING");
            return;
        }
        writer.keyword("DO UPDATE SET");
        unparseAssignments(writer);
        if (updateWhere != null) {
            writer.keyword("WHERE");
            updateWhere.unparse(writer, 0, 0);
        }
    }

    private void unparseAssignments(SqlWriter writer) {
        SqlWriter.Frame frame = writer.startList("", "");
        for (int i = 0; i < targetColumns.size(); i++) {
            writer.sep(",");
            targetColumns.get(i).unparse(writer, 0, 0);
            writer.keyword("=");
            sourceExpressions.get(i).unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
