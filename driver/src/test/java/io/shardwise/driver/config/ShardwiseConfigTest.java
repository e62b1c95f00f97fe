package io.shardwise.driver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.GroupSpec;
import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.topology.ShardingStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardwiseConfigTest {

    static Properties base() {
        Properties p = new Properties();
        p.setProperty("nodes", "n1, N2");
        p.setProperty("node.n1.url", "jdbc:h2:mem:a");
        p.setProperty("node.n2.url", "jdbc:h2:mem:b");
        return p;
    }

    static ClusterSpec parse(Properties p) throws SQLException {
        return ShardwiseConfig.parse(p, null, null);
    }

    @Test
    void aFullConfigurationBecomesAClusterSpec() throws SQLException {
        Properties p = base();
        p.setProperty("user", "app");
        p.setProperty("password", "s3cret");
        p.setProperty("node.n2.user", "other");
        p.setProperty("node.n2.password", "pw2");
        p.setProperty("node.n1.pool.maximumPoolSize", "7");
        p.setProperty("table.Orders.shard-key", "Customer_Id");
        p.setProperty("table.order_items.shard-key", "customer_id");
        p.setProperty("table.order_items.group", "orders");
        p.setProperty("group.orders.strategy", "range");
        p.setProperty("group.orders.split-points", "100,200");
        p.setProperty("table.events.shard-key", "device");
        p.setProperty("group.events.shards", "8");
        p.setProperty("reference-tables", "countries, currencies");
        p.setProperty("default-node", "n2");
        p.setProperty("metadata.dir", "meta");
        ClusterSpec spec = ShardwiseConfig.parse(p, null, Path.of("/base"));

        assertThat(spec.nodes()).extracting(NodeSpec::id).containsExactly("n1", "n2");
        NodeSpec n1 = spec.nodes().get(0);
        assertThat(n1.user()).isEqualTo("app");
        assertThat(n1.password()).isEqualTo("s3cret");
        assertThat(n1.poolProperties().getProperty("maximumPoolSize")).isEqualTo("7");
        assertThat(spec.nodes().get(1).user()).isEqualTo("other");
        assertThat(spec.tables().get("orders").shardKey()).isEqualTo("customer_id");
        assertThat(spec.tables().get("orders").group()).isEqualTo("orders");
        assertThat(spec.tables().get("order_items").group()).isEqualTo("orders");
        assertThat(spec.groups().get("orders"))
                .isEqualTo(new GroupSpec("orders", ShardingStrategy.RANGE, 3, List.of(100L, 200L)));
        assertThat(spec.groups().get("events"))
                .isEqualTo(new GroupSpec("events", ShardingStrategy.HASH, 8, List.of()));
        assertThat(spec.referenceTables()).containsExactly("countries", "currencies");
        assertThat(spec.defaultNode()).isEqualTo("n2");
        assertThat(spec.metadataDir()).isEqualTo(Path.of("/base/meta"));
        assertThat(spec.dialect()).isEqualTo(SqlDialectKind.H2);
        assertThat(n1.toString()).doesNotContain("s3cret");
    }

    @Test
    void defaultsAreOneGroupPerTableHashedOneShardPerNodeOnTheFirstNode() throws SQLException {
        Properties p = base();
        p.setProperty("table.t.shard-key", "k");
        ClusterSpec spec = parse(p);
        assertThat(spec.groups().get("t")).isEqualTo(new GroupSpec("t", ShardingStrategy.HASH, 2, List.of()));
        assertThat(spec.defaultNode()).isEqualTo("n1");
    }

    @Test
    void dialectFollowsTheDefaultNodesUrlUnlessSet() throws SQLException {
        Properties p = base();
        p.setProperty("node.n1.url", "jdbc:postgresql://h/db");
        assertThat(parse(p).dialect()).isEqualTo(SqlDialectKind.POSTGRESQL);
        p.setProperty("node.n1.url", "jdbc:mariadb://h/db");
        assertThat(parse(p).dialect()).isEqualTo(SqlDialectKind.MYSQL);
        p.setProperty("sql.dialect", "postgresql");
        assertThat(parse(p).dialect()).isEqualTo(SqlDialectKind.POSTGRESQL);
        p.setProperty("node.n1.url", "jdbc:oracle:thin:@h");
        p.remove("sql.dialect");
        assertThatThrownBy(() -> parse(p)).hasMessageContaining("set sql.dialect");
    }

    private static void assertError(Properties p, String... fragments) {
        assertThatThrownBy(() -> parse(p)).isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                    assertThat(e.getMessage()).doesNotContain("s3cret");
                });
    }

    @Test
    void anUnknownKeyIsNamedWithTheClosestValidKey() {
        Properties p = base();
        p.setProperty("table.orders.shardkey", "x");
        assertError(p, "'table.orders.shardkey'", "did you mean 'table.orders.shard-key'");
        p = base();
        p.setProperty("node", "n1");
        assertError(p, "'node'", "did you mean 'nodes'");
        p = base();
        p.setProperty("node.n1.usr", "x");
        assertError(p, "did you mean 'node.n1.user'");
        p = base();
        p.setProperty("metadata-dir", "x");
        assertError(p, "did you mean 'metadata.dir'");
    }

    @Test
    void metadataZooKeeperSelectsTheSharedStoreAndIsValidated() throws SQLException {
        Properties p = base();
        assertThat(parse(p).zooKeeper()).isNull(); // the local store stays the default
        p.setProperty("metadata", "zookeeper://zk1:2181,zk2:2182/shardwise/orders");
        ClusterSpec spec = parse(p);
        assertThat(spec.zooKeeper().hosts()).containsExactly("zk1:2181", "zk2:2182");
        assertThat(spec.zooKeeper().chroot()).isEqualTo("/shardwise/orders");

        p.setProperty("metadata", "zookeeper://zk1:2181");
        assertError(p, "Setting 'metadata'", "a chroot path is required");
        p.setProperty("metadata", "zookeeper://zk1:99999/x");
        assertError(p, "port 99999", "out of range");
        p.setProperty("metadata", "zookeeper://zk1/x");
        assertError(p, "'zk1' is not host:port");
        p.setProperty("metadata", "etcd://e1:2379/x");
        assertError(p, "must start with zookeeper://");
        p.setProperty("metadata", "zookeeper://zk1:2181/x");
        p.setProperty("metadata.dir", "meta"); // this instance's own records stay local
        assertThat(parse(p).metadataDir()).isNotNull();
        assertThat(parse(p).zooKeeper().chroot()).isEqualTo("/x");
    }

    @Test
    void everyConfigurationErrorNamesItsKey() {
        Properties p = new Properties();
        assertError(p, "Missing setting 'nodes'");

        p = base();
        p.remove("node.n2.url");
        p.setProperty("password", "s3cret");
        assertError(p, "Missing setting 'node.n2.url'");

        p = base();
        p.setProperty("node.n3.url", "jdbc:h2:mem:c");
        assertError(p, "'node.n3.url'", "not listed in nodes=n1,n2");

        p = base();
        p.setProperty("default-node", "n9");
        assertError(p, "'default-node'", "n9");

        p = base();
        p.setProperty("table.t.shard-key", "k");
        p.setProperty("group.t.shards", "many");
        assertError(p, "'group.t.shards'", "many");

        p = base();
        p.setProperty("table.t.shard-key", "k");
        p.setProperty("group.t.shards", "0");
        assertError(p, "'group.t.shards'");

        p = base();
        p.setProperty("table.t.shard-key", "k");
        p.setProperty("group.t.strategy", "hash");
        p.setProperty("group.t.split-points", "1,2");
        assertError(p, "group.t.split-points", "strategy=hash", "conflict");

        p = base();
        p.setProperty("table.t.shard-key", "k");
        p.setProperty("group.t.split-points", "1,2");
        p.setProperty("group.t.shards", "5");
        assertError(p, "group.t.shards=5", "conflict", "3 shards");

        p = base();
        p.setProperty("table.t.shard-key", "k");
        p.setProperty("group.t.split-points", "5,2");
        assertError(p, "group.t.split-points", "ascending");

        p = base();
        p.setProperty("table.t.shard-key", "k");
        p.setProperty("group.t.split-points", "a");
        assertError(p, "group.t.split-points", "'a' is not an integer");

        p = base();
        p.setProperty("table.t.shard-key", "k");
        p.setProperty("group.t.strategy", "modulo");
        assertError(p, "group.t.strategy", "hash, range");

        p = base();
        p.setProperty("table.t.group", "g");
        assertError(p, "table.t.shard-key");

        p = base();
        p.setProperty("table.t.shard-key", "k");
        p.setProperty("group.other.shards", "2");
        assertError(p, "'group.other.shards'", "no table belongs");

        p = base();
        p.setProperty("table.t.shard-key", "k");
        p.setProperty("reference-tables", "t");
        assertError(p, "reference-tables", "table.t.shard-key");

        p = base();
        p.setProperty("node.n1.pool.maximumPoolSise", "3");
        assertError(p, "'node.n1.pool.maximumPoolSise'");

        p = base();
        p.setProperty("node.n1.pool.maximumPoolSize", "lots");
        assertError(p, "'node.n1.pool.maximumPoolSize'");

        p = base();
        p.setProperty("nodes", "n1,n1");
        assertError(p, "'nodes'", "twice");

        p = base();
        p.setProperty("sql.dialect", "oracle");
        assertError(p, "'sql.dialect'");
    }

    @Test
    void urlFormsLoadTheFileOrResourceAndGivenPropertiesWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cluster.properties");
        Files.writeString(file, "nodes=n1\nnode.n1.url=jdbc:h2:mem:x\ndefault-node=n1\n");
        Properties given = new Properties();
        given.setProperty("node.n1.url", "jdbc:h2:mem:y");
        ConfigSource fromFile = ConfigSource.load("jdbc:shardwise:file:" + file, given, null);
        assertThat(fromFile.properties().getProperty("node.n1.url")).isEqualTo("jdbc:h2:mem:y");
        assertThat(fromFile.properties().getProperty("nodes")).isEqualTo("n1");
        assertThat(fromFile.defaultMetadataDir()).isEqualTo(dir.resolve("cluster-metadata"));
        assertThat(ShardwiseConfig.parse(fromFile).metadataDir()).isEqualTo(dir.resolve("cluster-metadata"));

        ConfigSource fromClasspath = ConfigSource.load("jdbc:shardwise:classpath:/config-test.properties",
                new Properties(), getClass().getClassLoader());
        assertThat(fromClasspath.properties().getProperty("nodes")).isEqualTo("a,b");
        assertThat(fromClasspath.defaultMetadataDir()).isNull();

        ConfigSource bare = ConfigSource.load("jdbc:shardwise:", given, null);
        assertThat(bare.properties()).isEqualTo(given);
        assertThat(bare.defaultMetadataDir()).isNull();
        assertThat(bare.identity()).isNotEqualTo(fromFile.identity());

        assertThatThrownBy(() -> ConfigSource.load("jdbc:shardwise:file:" + dir.resolve("missing"), null, null))
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> ConfigSource.load("jdbc:shardwise:classpath:nope.properties", null, null))
                .hasMessageContaining("not found on the classpath");
        assertThatThrownBy(() -> ConfigSource.load("jdbc:shardwise:zk://host", null, null))
                .hasMessageContaining("Unsupported Shardwise URL form");
    }

    @Test
    void transactionsDefaultsToBestEffortAndAccepts2pcOnPostgresWithAMetadataDir(@TempDir Path dir)
            throws SQLException {
        assertThat(parse(base()).twoPhaseCommit()).isFalse();
        Properties p = base();
        p.setProperty("transactions", "best-effort");
        assertThat(parse(p).twoPhaseCommit()).isFalse();
        Properties pg = new Properties();
        pg.setProperty("nodes", "n1,n2");
        pg.setProperty("node.n1.url", "jdbc:postgresql://127.0.0.1:5432/a");
        pg.setProperty("node.n2.url", "jdbc:postgresql://127.0.0.1:5433/b");
        pg.setProperty("transactions", "2PC");
        pg.setProperty("metadata.dir", dir.toString());
        assertThat(parse(pg).twoPhaseCommit()).isTrue();

        pg.remove("metadata.dir");
        assertThatThrownBy(() -> parse(pg)).isInstanceOf(SQLException.class)
                .hasMessageContaining("'transactions=2pc' needs 'metadata.dir'");
    }

    @Test
    void transactions2pcIsRefusedOnANonPostgresNodeAndABadValueIsNamed(@TempDir Path dir) {
        Properties p = base();
        p.setProperty("transactions", "2pc");
        p.setProperty("metadata.dir", dir.toString());
        assertThatThrownBy(() -> parse(p)).isInstanceOf(SQLException.class)
                .hasMessageContaining("needs PostgreSQL on every node")
                .hasMessageContaining("node 'n1'")
                .hasMessageContaining("transactions=best-effort");
        p.setProperty("transactions", "xa");
        assertThatThrownBy(() -> parse(p)).isInstanceOf(SQLException.class)
                .hasMessageContaining("Setting 'transactions' is 'xa'; valid values: best-effort, 2pc");
    }
}
