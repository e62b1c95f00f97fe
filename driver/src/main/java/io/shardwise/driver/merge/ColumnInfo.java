package io.shardwise.driver.merge;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * What a result set says about one of its columns. Captured once from a node's metadata (or given by the driver
 * for in-memory results), so metadata calls never go back to a node whose result set may already be closed.
 */
public record ColumnInfo(
        String label,
        String name,
        int sqlType,
        String typeName,
        String className,
        int precision,
        int scale,
        int nullable,
        int displaySize,
        String tableName,
        String schemaName,
        String catalogName) {

    /** A column of an in-memory result (admin statements): the type name and class follow from the SQL type. */
    public static ColumnInfo of(String label, int sqlType) {
        return new ColumnInfo(label, label, sqlType, typeName(sqlType), className(sqlType), 0, 0,
                ResultSetMetaData.columnNullableUnknown, 0, "", "", "");
    }

    static ColumnInfo from(ResultSetMetaData md, int column) throws SQLException {
        return new ColumnInfo(md.getColumnLabel(column), md.getColumnName(column), md.getColumnType(column),
                md.getColumnTypeName(column), md.getColumnClassName(column), md.getPrecision(column),
                md.getScale(column), md.isNullable(column), md.getColumnDisplaySize(column),
                nonNull(md.getTableName(column)), nonNull(md.getSchemaName(column)),
                nonNull(md.getCatalogName(column)));
    }

    ColumnInfo withType(int newSqlType, String newTypeName, String newClassName, int newPrecision, int newScale) {
        return new ColumnInfo(label, name, newSqlType, newTypeName, newClassName, newPrecision, newScale,
                ResultSetMetaData.columnNullable, displaySize, tableName, schemaName, catalogName);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    static String typeName(int sqlType) {
        return switch (sqlType) {
            case Types.BIGINT -> "BIGINT";
            case Types.INTEGER -> "INTEGER";
            case Types.SMALLINT -> "SMALLINT";
            case Types.TINYINT -> "TINYINT";
            case Types.BOOLEAN, Types.BIT -> "BOOLEAN";
            case Types.DOUBLE, Types.FLOAT -> "DOUBLE PRECISION";
            case Types.REAL -> "REAL";
            case Types.NUMERIC, Types.DECIMAL -> "NUMERIC";
            case Types.DATE -> "DATE";
            case Types.TIME -> "TIME";
            case Types.TIMESTAMP -> "TIMESTAMP";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "TIMESTAMP WITH TIME ZONE";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> "BINARY VARYING";
            default -> "CHARACTER VARYING";
        };
    }

    static String className(int sqlType) {
        return switch (sqlType) {
            case Types.BIGINT -> Long.class.getName();
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Integer.class.getName();
            case Types.BOOLEAN, Types.BIT -> Boolean.class.getName();
            case Types.DOUBLE, Types.FLOAT -> Double.class.getName();
            case Types.REAL -> Float.class.getName();
            case Types.NUMERIC, Types.DECIMAL -> java.math.BigDecimal.class.getName();
            case Types.DATE -> java.sql.Date.class.getName();
            case Types.TIME -> java.sql.Time.class.getName();
            case Types.TIMESTAMP -> java.sql.Timestamp.class.getName();
            case Types.TIMESTAMP_WITH_TIMEZONE -> java.time.OffsetDateTime.class.getName();
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> byte[].class.getName();
            default -> String.class.getName();
        };
    }
}
