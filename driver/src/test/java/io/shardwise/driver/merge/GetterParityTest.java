package io.shardwise.driver.merge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every getter of a merged result set must answer what H2's own result set answers for the same value: the same
 * value, the same wasNull, or an error with the same SQLState. Otherwise an application would see different values
 * depending on how many nodes its query touched.
 */
class GetterParityTest {

    private static H2Split split;

    /** Each column's values come from the table or from literals the getters must convert. */
    private static final String QUERY = "SELECT id, g, grp, i, b, d, f, r, s, dt, ts, bin, flag,"
            + " CAST(f AS DECFLOAT) AS df, '12' AS str_int, ' 7 ' AS str_pad, '1.5' AS str_dec, 'yes' AS str_yes,"
            + " '2020-01-02' AS str_date, '2020-01-02 10:11:12.5' AS str_ts, 'x' AS str_x, TIME '10:11:12' AS tm,"
            + " CAST(b AS DECIMAL(20,0)) * 1000 AS big, CAST(-2.5 AS DECIMAL(5,1)) AS half, CAST(-1.5 AS DOUBLE) AS dh,"
            + " CAST(300 AS INT) AS i300, CAST(1e20 AS DOUBLE) AS d_huge"
            + " FROM t ORDER BY id";

    private interface Getter {
        Object get(ResultSet rs, int column) throws SQLException;
    }

    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Getter> GETTERS = new ArrayList<>();

    private static void getter(String name, Getter g) {
        NAMES.add(name);
        GETTERS.add(g);
    }

    static {
        getter("getObject", ResultSet::getObject);
        getter("getString", ResultSet::getString);
        getter("getBoolean", ResultSet::getBoolean);
        getter("getByte", ResultSet::getByte);
        getter("getShort", ResultSet::getShort);
        getter("getInt", ResultSet::getInt);
        getter("getLong", ResultSet::getLong);
        getter("getFloat", ResultSet::getFloat);
        getter("getDouble", ResultSet::getDouble);
        getter("getBigDecimal", ResultSet::getBigDecimal);
        getter("getBytes", ResultSet::getBytes);
        getter("getDate", ResultSet::getDate);
        getter("getTime", ResultSet::getTime);
        getter("getTimestamp", ResultSet::getTimestamp);
        for (Class<?> c : new Class<?>[] {String.class, Integer.class, Long.class, Double.class, BigDecimal.class,
                BigInteger.class, Boolean.class, Date.class, Timestamp.class, Time.class, LocalDate.class,
                LocalDateTime.class, LocalTime.class, byte[].class}) {
            getter("getObject(" + c.getSimpleName() + ")", (rs, i) -> rs.getObject(i, c));
        }
    }

    @BeforeAll
    static void load() throws SQLException {
        split = new H2Split(2, 120, 7);
    }

    @AfterAll
    static void close() throws SQLException {
        split.close();
    }

    @Test
    void everyGetterOnEveryColumnMatchesH2() throws SQLException {
        assertGettersMatch(split, QUERY, 120, true);
    }

    /** Runs {@code query} (ordered by its first column, a unique key) merged and direct; compares every getter. */
    static void assertGettersMatch(H2Split split, String query, int expectedRows, boolean sqlStates)
            throws SQLException {
        ResultSet expected = split.direct(query);
        int columns = expected.getMetaData().getColumnCount();
        ResultSet actual = split.merged(query, SpecBuilder.visible(columns).asc(0).build());
        ResultSetMergerTest.assertMetaData(expected.getMetaData(), actual.getMetaData(), query);
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        while (expected.next()) {
            assertThat(actual.next()).isTrue();
            for (int c = 1; c <= columns; c++) {
                for (int g = 0; g < GETTERS.size(); g++) {
                    String e = outcome(expected, c, GETTERS.get(g), sqlStates);
                    String a = outcome(actual, c, GETTERS.get(g), sqlStates);
                    compared++;
                    // PostgreSQL's driver refuses many getObject(column, Class) conversions that H2 makes; ours
                    // makes them too. Where the node's driver answers, the answer must be the same.
                    boolean lenientAllowed = !sqlStates && NAMES.get(g).startsWith("getObject(") && e.equals("error");
                    if (!e.equals(a) && !lenientAllowed) {
                        mismatches.add(NAMES.get(g) + " on " + expected.getMetaData().getColumnLabel(c) + " row "
                                + expected.getInt(1) + ": H2 " + e + " / merged " + a);
                    }
                }
                String byLabel = outcome(actual, c, (rs, i) -> rs.getObject(rs.getMetaData().getColumnLabel(i)), true);
                assertThat(byLabel).isEqualTo(outcome(expected, c, ResultSet::getObject, true));
            }
        }
        assertThat(actual.next()).isFalse();
        assertThat(mismatches).as("getters that differ from H2").isEmpty();
        assertThat(compared).isGreaterThan(expectedRows * columns * 20);
    }

    /**
     * What a getter did: its value (with wasNull) or that it failed, with the SQLState when {@code sqlStates}
     * (H2 reports them consistently; PostgreSQL's driver fails some conversions with runtime exceptions).
     */
    private static String outcome(ResultSet rs, int column, Getter getter, boolean sqlStates) {
        try {
            Object v = getter.get(rs, column);
            if (v instanceof byte[] b) {
                v = Arrays.toString(b);
            } else if (v instanceof BigDecimal d) {
                v = d.toString() + "(scale " + d.scale() + ")";
            }
            return (v == null ? "null" : v.getClass().getSimpleName() + ":" + v) + " wasNull=" + rs.wasNull();
        } catch (SQLException e) {
            return sqlStates ? "error " + Objects.requireNonNullElse(e.getSQLState(), "?") : "error";
        } catch (RuntimeException e) {
            return sqlStates ? "error " + e.getClass().getSimpleName() : "error";
        }
    }
}
