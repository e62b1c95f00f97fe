package io.shardwise.driver.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.router.sql.ShardwiseSqlParser;
import io.shardwise.router.sql.SqlDialectKind;
import org.junit.jupiter.api.Test;

class ParserWarmupTest {

    @Test
    void loadingTheDriverWarmsTheParserSoTheFirstParseIsFast() throws Exception {
        Class.forName("io.shardwise.ShardwiseDriver");
        ParserWarmup.await();
        long start = System.nanoTime();
        ShardwiseSqlParser.parse("SELECT x, y FROM some_table WHERE k = ? AND z > ?", SqlDialectKind.H2);
        long micros = (System.nanoTime() - start) / 1000;
        // A cold first parse costs ~300 ms of class loading; warmed, it is well under a few milliseconds.
        assertThat(micros).isLessThan(50_000);
    }
}
