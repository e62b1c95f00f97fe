package io.shardwise.driver.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningsTest {

    @Test
    void ownWarningsComeFirstThenEachPhysicalObjectsInOrder() throws SQLException {
        SQLWarning own = new SQLWarning("own");
        SQLWarning n1 = new SQLWarning("n1-a");
        n1.setNextWarning(new SQLWarning("n1-b"));
        List<SQLWarning> nodes = new ArrayList<>();
        nodes.add(n1);
        nodes.add(null);
        nodes.add(new SQLWarning("n3"));

        assertThat(messages(Warnings.combine(own, nodes, w -> w))).containsExactly("own", "n1-a", "n1-b", "n3");
    }

    @Test
    void askingTwiceNeitherChangesTheSourcesNorRepeatsAWarning() throws SQLException {
        SQLWarning own = new SQLWarning("own");
        SQLWarning node = new SQLWarning("node");
        List<SQLWarning> nodes = List.of(node);

        Warnings.combine(own, nodes, w -> w);
        SQLWarning second = Warnings.combine(own, nodes, w -> w);

        assertThat(messages(second)).containsExactly("own", "node");
        assertThat((Object) own.getNextWarning()).isNull();
        assertThat((Object) node.getNextWarning()).isNull();
    }

    @Test
    void noWarningsAnywhereIsNull() throws SQLException {
        assertThat((Object) Warnings.combine(null, List.<SQLWarning>of(), w -> w)).isNull();
    }

    private static List<String> messages(SQLWarning first) {
        List<String> out = new ArrayList<>();
        for (SQLWarning w = first; w != null && out.size() < 10; w = w.getNextWarning()) {
            out.add(w.getMessage());
        }
        return out;
    }
}
