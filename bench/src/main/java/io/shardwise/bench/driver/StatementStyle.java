package io.shardwise.bench.driver;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a workload hands its values to the driver. */
public enum StatementStyle {
    /** {@code prepareStatement(sql)} per operation with {@code ?} parameters, as JdbcTemplate or an ORM does. */
    PREPARED("prepared", "PreparedStatement"),
    /** {@code createStatement()} per operation with the values written into the SQL text as literals. */
    LITERAL("literal", "Statement + literals");

    private final String id;
    private final String label;

    StatementStyle(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    static StatementStyle byId(String id) {
        for (StatementStyle s : values()) {
            if (s.id.equalsIgnoreCase(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown statement style '" + id + "' (known: "
                + Arrays.stream(values()).map(StatementStyle::id).collect(Collectors.joining(", ")) + ")");
    }
}
