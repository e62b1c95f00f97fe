package io.shardwise.router.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.TestClusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyTest {
    private final Topology t = Topology.initial(TestClusters.spec(2));

    @Test
    void initialShardsCoverTheSpaceAndAreSpreadRoundRobin() {
        GroupTopology g = t.group("customers");
        assertThat(g.shards()).hasSize(8);
        assertThat(g.shards().get(0).lo()).isZero();
        assertThat(g.shards().get(7).hi()).isEqualTo(Long.MAX_VALUE);
        assertThat(g.shards()).extracting(Shard::node).containsExactly("n1", "n2", "n1", "n2", "n1", "n2", "n1", "n2");
        assertThat(g.nodes()).containsExactly("n1", "n2");
        GroupTopology events = t.group("events");
        assertThat(events.shards()).extracting(Shard::lo).containsExactly(Long.MIN_VALUE, 100L, 200L);
        assertThat(t.version()).isEqualTo(1);
        assertThat(t.allShards()).extracting(Shard::id).doesNotHaveDuplicates();
    }

    @Test
    void lookupFindsTheShardWhoseRangeHoldsThePointIncludingTheTop() {
        GroupTopology events = t.group("events");
        assertThat(events.shardFor(Long.MIN_VALUE).lo()).isEqualTo(Long.MIN_VALUE);
        assertThat(events.shardFor(99).lo()).isEqualTo(Long.MIN_VALUE);
        assertThat(events.shardFor(100).lo()).isEqualTo(100);
        assertThat(events.shardFor(199).lo()).isEqualTo(100);
        assertThat(events.shardFor(Long.MAX_VALUE).lo()).isEqualTo(200);
        assertThat(events.shardsBetween(150, 250)).extracting(Shard::lo).containsExactly(100L, 200L);
        assertThat(events.shardsBetween(0, 5)).extracting(Shard::lo).containsExactly(Long.MIN_VALUE);
    }

    @Test
    void pinnedPointsWinOverRangesAndSplitsKeepTheCut() {
        Shard owner = t.shardFor("events", 150);
        Topology pinned = t.pin("events", new long[] {150, 160}, "n2");
        assertThat(pinned.version()).isEqualTo(2);
        Shard p = pinned.shardFor("events", 150);
        assertThat(p.isPinned()).isTrue();
        assertThat(p.node()).isEqualTo("n2");
        assertThat(pinned.shardFor("events", 151)).isEqualTo(owner);
        assertThat(pinned.group("events").shardsBetween(155, 170)).contains(p);
        assertThat(t.shardFor("events", 150)).isEqualTo(owner); // the old snapshot is untouched

        Topology split = pinned.split(owner.id(), 120);
        Shard right = split.shardFor("events", 130);
        assertThat(right.id()).isNotEqualTo(owner.id());
        assertThat(right.lo()).isEqualTo(120);
        assertThat(split.shardFor("events", 119).id()).isEqualTo(owner.id());
        assertThat(split.shardFor("events", 150)).isEqualTo(split.shard(p.id()));
        assertThat(split.version()).isEqualTo(3);

        Topology moving = split.withState(right.id(), ShardState.COPYING, "n1");
        assertThat(moving.shard(right.id()).state()).isEqualTo(ShardState.COPYING);
        assertThat(moving.shard(right.id()).targetNode()).isEqualTo("n1");
        Topology flipped = moving.withOwner(right.id(), "n1");
        assertThat(flipped.shard(right.id()).node()).isEqualTo("n1");
        assertThat(flipped.shard(right.id()).state()).isEqualTo(ShardState.STABLE);
        assertThat(flipped.shard(right.id()).version()).isEqualTo(flipped.version());
    }

    @Test
    void invalidCutsAreRefused() {
        Shard s = t.group("customers").shards().get(0);
        assertThatThrownBy(() -> t.split(s.id(), s.lo())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topology.of(1, Map.of("g", ShardingStrategy.HASH),
                List.of(Shard.range(1, "g", 0, 100, "n1", 1)))).hasMessageContaining("cover");
        assertThatThrownBy(() -> t.pin("customers", new long[] {5}, "n1").pin("customers", new long[] {5}, "n2"))
                .hasMessageContaining("pinned twice");
    }

    @Test
    void codecRoundTripsEverything() {
        Topology rich = t.pin("events", new long[] {150, 160}, "n2").split(1, 12345);
        rich = rich.withState(2, ShardState.CATCHING_UP, "n1");
        Topology back = TopologyCodec.decode(TopologyCodec.encode(rich));
        assertThat(back).isEqualTo(rich);
        assertThat(back.group("events").strategy()).isEqualTo(ShardingStrategy.RANGE);
        assertThatThrownBy(() -> TopologyCodec.decode("shardwise-topology 1\nversion 1\nshard 1 g x"))
                .hasMessageContaining("line 3");
    }
}
