package io.shardwise.router.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.router.sql.SqlDialectKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyExtractorTest {
    private final KeyExtractor extractor = new KeyExtractor(Map.of("orders", "customer_id", "customers", "id"),
            Map.of("orders", "cust", "customers", "cust"), SqlDialectKind.H2);

    @Test
    void placeholderKeyIsReadFromTheBoundParameters() {
        KeyExtractor.Extraction e = extractor.extract("SELECT * FROM orders WHERE customer_id = ?", i -> 7L);
        assertThat(e.table()).isEqualTo("orders");
        assertThat(e.group()).isEqualTo("cust");
        assertThat(e.write()).isFalse();
        assertThat(e.keys()).containsExactly(7L);
    }

    @Test
    void literalsInListsUpdatesAndInsertsAreKeys() {
        assertThat(extractor.extract("select * from ORDERS o where o.customer_id in (1, 2)", ParameterSource.NONE)
                .keys()).containsExactly(1L, 2L);
        KeyExtractor.Extraction u = extractor.extract("UPDATE customers SET name = 'x' WHERE id = 9",
                ParameterSource.NONE);
        assertThat(u.write()).isTrue();
        assertThat(u.keys()).containsExactly(9L);
        KeyExtractor.Extraction i = extractor.extract("INSERT INTO orders (id, customer_id) VALUES (?, ?), (3, 'k')",
                idx -> idx == 2 ? 42 : 1);
        assertThat(i.write()).isTrue();
        assertThat(i.table()).isEqualTo("orders");
        assertThat(i.keys()).containsExactly(42, "k");
    }

    @Test
    void scansUnknownTablesAndUnparseableSqlAreDistinguished() {
        KeyExtractor.Extraction scan = extractor.extract("SELECT count(*) FROM orders", ParameterSource.NONE);
        assertThat(scan.touchesTable()).isTrue();
        assertThat(scan.keys()).isEmpty();
        assertThat(extractor.extract("SELECT * FROM other WHERE id = 1", ParameterSource.NONE))
                .isEqualTo(KeyExtractor.Extraction.NONE);
        assertThat(extractor.extract("THIS IS NOT SQL", ParameterSource.NONE)).isEqualTo(KeyExtractor.Extraction.NONE);
    }

    @Test
    void hashPointMatchesTheRouterForEveryIntegralType() throws Exception {
        assertThat(KeyExtractor.hashPoint(7)).isEqualTo(KeyExtractor.hashPoint(7L));
        assertThat(KeyExtractor.hashPoint(7L)).isNotEqualTo(KeyExtractor.hashPoint(8L));
        assertThat(List.of(KeyExtractor.hashPoint("7"))).doesNotContain(KeyExtractor.hashPoint(7L));
    }
}
