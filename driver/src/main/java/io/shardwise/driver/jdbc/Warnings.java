package io.shardwise.driver.jdbc;

import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * The warnings a logical connection or statement reports: its own, then each physical object's. The result is a new
 * chain of copies: linking the nodes' own warning objects together would change their chains, and a second
 * {@code getWarnings()} would link a warning to itself (a cycle that {@code setNextWarning} then walks for ever).
 */
final class Warnings {
    /** Reads one physical object's warnings. */
    interface Source<T> {
        SQLWarning warningsOf(T physical) throws SQLException;
    }

    private Warnings() {
    }

    static <T> SQLWarning combine(SQLWarning own, Iterable<? extends T> physical, Source<T> source)
            throws SQLException {
        Chain chain = new Chain();
        chain.addAll(own);
        for (T p : physical) {
            chain.addAll(source.warningsOf(p));
        }
        return chain.head;
    }

    private static final class Chain {
        SQLWarning head;
        SQLWarning tail;

        void addAll(SQLWarning first) {
            for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
                SQLWarning copy = new SQLWarning(w.getMessage(), w.getSQLState(), w.getErrorCode(), w);
                if (head == null) {
                    head = copy;
                } else {
                    tail.setNextWarning(copy);
                }
                tail = copy;
            }
        }
    }
}
