package io.shardwise.driver.merge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Which database family the nodes are, as far as merging cares: the result type of AVG and the conversions of the
 * JDBC getters differ between H2 and PostgreSQL, and a merged result must answer like the nodes' own would.
 * MySQL/MariaDB and unknown products get H2's behaviour (documented in docs/ARCHITECTURE.md).
 */
enum Backend {
    H2, POSTGRESQL;

    static Backend of(ResultSet nodeResult) {
        try {
            Statement st = nodeResult.getStatement();
            if (st == null) {
                return H2;
            }
            String product = st.getConnection().getMetaData().getDatabaseProductName();
            return product != null && product.toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
        } catch (SQLException | RuntimeException e) {
            return H2;
        }
    }
}
