package io.shardwise.driver.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.router.sql.ShardwiseSqlParser;
import io.shardwise.router.sql.SqlDialectKind;
import org.junit.jupiter.api.Test;

class ParserWarmupTest {

    @Test
    void loadingTheDriverWarmsTheParserBeforeAnyConnection() throws Exception {
        Class.forName("io.shardwise.ShardwiseDriver");
        ParserWarmup.await();
        // The warm-up parsed its sample statements in every dialect to the end (a failure would leave it false).
        assertThat(ParserWarmup.completed()).isTrue();
        long start = System.nanoTime();
        ShardwiseSqlParser.parse("SELECT x, y FROM some_table WHERE k = ? AND z > ?", SqlDialectKind.H2);
        // Informational: timing assertions are unreliable on a shared, loaded machine; cold is ~300 ms.
        System.out.println("first application parse after warm-up: " + (System.nanoTime() - start) / 1000 + " us");
    }
}
