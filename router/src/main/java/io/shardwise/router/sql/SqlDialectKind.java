package io.shardwise.router.sql;

/** The SQL dialect the application writes, which picks the parser's lexical rules. */
public enum SqlDialectKind {
    H2, POSTGRESQL, MYSQL
}
