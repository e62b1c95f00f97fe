package io.shardwise.router.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * CREATE/ALTER/DROP TABLE, CREATE/DROP INDEX and TRUNCATE, as far as routing needs them: what kind of DDL it is,
 * which tables it touches and its IF [NOT] EXISTS. The driver sends the application's own text to every node and
 * reads real definitions from JDBC metadata, so column types and constraints are read leniently (see
 * docs/parser.md); only column names, the primary key, and ALTER TABLE's added/dropped columns and new name are
 * kept. {@link #unparse} writes a summary (kind and names), not an executable statement.
 */
public final class SqlDdlStatement extends SqlDdl {

    /** The DDL statements Shardwise tells apart. */
    public enum Kind {
        CREATE_TABLE(SqlKind.CREATE_TABLE, "CREATE TABLE"),
        ALTER_TABLE(SqlKind.ALTER_TABLE, "ALTER TABLE"),
        DROP_TABLE(SqlKind.DROP_TABLE, "DROP TABLE"),
        TRUNCATE_TABLE(SqlKind.TRUNCATE_TABLE, "TRUNCATE TABLE"),
        CREATE_INDEX(SqlKind.CREATE_INDEX, "CREATE INDEX"),
        DROP_INDEX(SqlKind.DROP_INDEX, "DROP INDEX");

        private final SqlOperator operator;

        Kind(SqlKind sqlKind, String name) {
            this.operator = new SqlSpecialOperator(name, sqlKind);
        }
    }

    private final Kind kind;
    private final SqlNodeList tables;
    private final SqlIdentifier index;
    private final boolean ifExists;
    private final boolean ifNotExists;
    private final boolean unique;
    private final boolean cascade;
    private final SqlNodeList columns;
    private final SqlNodeList primaryKey;
    private final SqlNodeList droppedColumns;
    private final SqlIdentifier renamedTo;

    private SqlDdlStatement(SqlParserPos pos, Kind kind, SqlNodeList tables, SqlIdentifier index, boolean ifExists,
            boolean ifNotExists, boolean unique, boolean cascade, SqlNodeList columns, SqlNodeList primaryKey,
            SqlNodeList droppedColumns, SqlIdentifier renamedTo) {
        super(kind.operator, pos);
        this.kind = kind;
        this.tables = tables;
        this.index = index;
        this.ifExists = ifExists;
        this.ifNotExists = ifNotExists;
        this.unique = unique;
        this.cascade = cascade;
        this.columns = columns == null ? SqlNodeList.EMPTY : columns;
        this.primaryKey = primaryKey == null ? SqlNodeList.EMPTY : primaryKey;
        this.droppedColumns = droppedColumns == null ? SqlNodeList.EMPTY : droppedColumns;
        this.renamedTo = renamedTo;
    }

    public static SqlDdlStatement createTable(SqlParserPos pos, SqlIdentifier table, boolean ifNotExists,
            SqlNodeList columns, SqlNodeList primaryKey) {
        return new SqlDdlStatement(pos, Kind.CREATE_TABLE, SqlNodeList.of(table), null, false, ifNotExists, false,
                false, columns, primaryKey, null, null);
    }

    public static SqlDdlStatement createIndex(SqlParserPos pos, SqlIdentifier table, SqlIdentifier index,
            boolean unique, boolean ifNotExists) {
        return new SqlDdlStatement(pos, Kind.CREATE_INDEX, SqlNodeList.of(table), index, false, ifNotExists, unique,
                false, null, null, null, null);
    }

    public static SqlDdlStatement dropTables(SqlParserPos pos, SqlNodeList tables, boolean ifExists,
            boolean cascade) {
        return new SqlDdlStatement(pos, Kind.DROP_TABLE, tables, null, ifExists, false, false, cascade, null, null,
                null, null);
    }

    /** {@code table} is null unless the statement names it (MySQL's {@code DROP INDEX i ON t}). */
    public static SqlDdlStatement dropIndex(SqlParserPos pos, SqlIdentifier index, SqlIdentifier table,
            boolean ifExists, boolean cascade) {
        return new SqlDdlStatement(pos, Kind.DROP_INDEX, table == null ? SqlNodeList.EMPTY : SqlNodeList.of(table),
                index, ifExists, false, false, cascade, null, null, null, null);
    }

    public static SqlDdlStatement alterTable(SqlParserPos pos, SqlIdentifier table, boolean ifExists,
            SqlNodeList addedColumns, SqlNodeList droppedColumns, SqlIdentifier renamedTo) {
        return new SqlDdlStatement(pos, Kind.ALTER_TABLE, SqlNodeList.of(table), null, ifExists, false, false,
                false, addedColumns, null, droppedColumns, renamedTo);
    }

    public static SqlDdlStatement truncate(SqlParserPos pos, SqlNodeList tables) {
        return new SqlDdlStatement(pos, Kind.TRUNCATE_TABLE, tables, null, false, false, false, false, null, null,
                null, null);
    }

    public Kind ddlKind() {
        return kind;
    }

    /**
     * The tables the statement touches: one for CREATE/ALTER TABLE and CREATE INDEX, one or more for DROP TABLE and
     * TRUNCATE; for DROP INDEX the table only when the statement names it ({@code ON t}), else empty.
     */
    public List<SqlIdentifier> tables() {
        List<SqlIdentifier> result = new ArrayList<>(tables.size());
        for (SqlNode table : tables) {
            result.add((SqlIdentifier) table);
        }
        return result;
    }

    /** The first (for most kinds the only) table, or null for a DROP INDEX that names none. */
    public SqlIdentifier table() {
        return tables.isEmpty() ? null : (SqlIdentifier) tables.get(0);
    }

    /** The index of CREATE/DROP INDEX; null for other kinds and for PostgreSQL's unnamed CREATE INDEX ON t. */
    public SqlIdentifier index() {
        return index;
    }

    public boolean ifExists() {
        return ifExists;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** CREATE UNIQUE INDEX. */
    public boolean unique() {
        return unique;
    }

    /** DROP ... CASCADE. */
    public boolean cascade() {
        return cascade;
    }

    /** CREATE TABLE's column names in order, or ALTER TABLE's added columns; empty for other kinds. */
    public List<SqlIdentifier> columns() {
        return identifiers(columns);
    }

    /** CREATE TABLE's primary key columns (inline or table-level); empty when it declares none. */
    public List<SqlIdentifier> primaryKey() {
        return identifiers(primaryKey);
    }

    /** ALTER TABLE's dropped columns; empty for other kinds. */
    public List<SqlIdentifier> droppedColumns() {
        return identifiers(droppedColumns);
    }

    /** ALTER TABLE ... RENAME TO's new name, or null. */
    public SqlIdentifier renamedTo() {
        return renamedTo;
    }

    private static List<SqlIdentifier> identifiers(SqlNodeList list) {
        List<SqlIdentifier> result = new ArrayList<>(list.size());
        for (SqlNode node : list) {
            result.add((SqlIdentifier) node);
        }
        return result;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>(tables.getList());
        if (index != null) {
            operands.add(index);
        }
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(kind == Kind.CREATE_INDEX && unique ? "CREATE UNIQUE INDEX" : kind.operator.getName());
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        if (index != null) {
            index.unparse(writer, 0, 0);
            if (!tables.isEmpty()) {
                writer.keyword("ON");
            }
        }
        SqlExtendedStatement.unparseCommaList(writer, tables);
    }
}
