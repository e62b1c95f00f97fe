package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Creates on the target node the tables of the shard it lacks, from the source's real definitions. */
public final class SchemaCopier {
    private SchemaCopier() {
    }

    /** @return the names of the tables created */
    public static List<String> createMissing(ShardSlice slice, Connection source, Connection target)
            throws SQLException {
        List<String> created = new ArrayList<>();
        for (var t : slice.tables()) {
            TableDefinition def = TableDefinition.read(source, t.name());
            if (def == null || TableDefinition.storedName(target, t.name()) != null) {
                continue;
            }
            boolean auto = target.getAutoCommit();
            try (Statement s = target.createStatement()) {
                for (String ddl : def.createStatements(target, t.name())) {
                    s.execute(ddl);
                }
                if (!auto) {
                    target.commit();
                }
            }
            created.add(t.name());
        }
        return created;
    }
}
