package io.shardwise.profiler.plan;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MapGeneratorTest {
    private static final List<String> NODES = List.of("n0", "n1", "n2", "n3");
    private final MapGenerator generator = new MapGenerator(PlannerSettings.defaults());

    /** 16 shards of 1000 points, round robin over 4 nodes, 1000 rows each. */
    private static ShardLayout roundRobin() {
        List<ShardSpec> shards = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            shards.add(ShardSpec.range(i, i * 1000L, (i + 1) * 1000L, NODES.get(i % 4), 1000));
        }
        return new ShardLayout(7, NODES, List.of(new GroupLayout(1, shards, 1)));
    }

    private static GroupLoad.Builder uniform(double perShard) {
        return GroupLoad.builder(1).segment(0, 15_999, 16 * perShard);
    }

    @Test
    void plantedSkewIsBalancedBySplittingPinningAndMoving() {
        GroupLoad.Builder builder = GroupLoad.builder(1)
                .segment(0, 499, 200 + 5)      // a hot half of shard 0 (node n0)
                .segment(500, 999, 5)
                .hotKey(1234, 100);             // a hot key in shard 1 (node n1)
        for (int i = 1; i < 16; i++) {
            builder.segment(i * 1000L, i * 1000L + 999, i % 4 == 3 ? 0 : 10); // node n3 is idle
        }
        GroupLoad load = builder.build();
        ShardLayout layout = roundRobin();
        ShardKeyMap map = generator.generate(1, layout, Map.of(1, load), Map.of(), 0, 3_600_000);

        assertThat(map.imbalanceBefore()).isGreaterThan(2.0);
        assertThat(map.imbalanceAfter()).isLessThanOrEqualTo(1.2);
        // recomputed independently from the target layout
        assertThat(NodeLoads.imbalance(NodeLoads.of(map.target(), Map.of(1, load)))).isLessThanOrEqualTo(1.2);
        assertThat(map.steps()).isNotEmpty();
        assertThat(map.steps().get(map.steps().size() - 1).imbalanceAfter()).isCloseTo(map.imbalanceAfter(), org.assertj.core.data.Offset.offset(1e-9));
        // the hot key is pinned into a shard of its own rather than moving its whole range
        assertThat(map.steps()).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo(PlanStep.Kind.PIN);
            assertThat(s.point()).isEqualTo(1234);
        });
        assertThat(map.target().group(1).owner(1234).isPinned()).isTrue();
        // the hot range is split, not moved whole: far fewer rows than the hot shard's 1000
        assertThat(map.steps()).anyMatch(s -> s.kind() == PlanStep.Kind.SPLIT);
        assertThat(map.rowsMoved()).isLessThan(1000);
        // metadata steps come before moves
        int firstMove = indexOf(map.steps(), PlanStep.Kind.MOVE);
        assertThat(map.steps().subList(0, firstMove)).allMatch(s -> s.kind() == PlanStep.Kind.SPLIT || s.kind() == PlanStep.Kind.PIN);
        // every key still has exactly one owner in the target
        for (long p = 0; p < 16_000; p += 37) {
            assertThat(map.target().group(1).owner(p)).isNotNull();
        }
    }

    @Test
    void oneSmallShardMoveIsPreferredWhenItSuffices() {
        List<ShardSpec> shards = List.of(
                ShardSpec.range(1, 0, 1000, "n0", 1_000_000),
                ShardSpec.range(2, 1000, 1010, "n0", 100),
                ShardSpec.range(3, 1010, 2000, "n1", 1_000_000),
                ShardSpec.range(4, 2000, 3000, "n2", 1_000_000),
                ShardSpec.range(5, 3000, 4000, "n3", 1_000_000));
        ShardLayout layout = new ShardLayout(1, NODES, List.of(new GroupLayout(1, shards, 10)));
        GroupLoad load = GroupLoad.builder(1)
                .segment(0, 999, 40).segment(1000, 1009, 20).segment(1010, 1999, 40)
                .segment(2000, 2999, 40).segment(3000, 3999, 20).build();
        ShardKeyMap map = generator.generate(2, layout, Map.of(1, load), Map.of(), 0, 3_600_000);

        assertThat(map.steps()).hasSize(1);
        PlanStep move = map.steps().get(0);
        assertThat(move.kind()).isEqualTo(PlanStep.Kind.MOVE);
        assertThat(move.shardId()).isEqualTo(2);
        assertThat(move.toNode()).isEqualTo("n3");
        assertThat(move.estimatedRows()).isEqualTo(100);
        assertThat(map.imbalanceBefore()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(map.imbalanceAfter()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void balancedLayoutGivesNoSteps() {
        ShardKeyMap map = generator.generate(3, roundRobin(), Map.of(1, uniform(10).build()), Map.of(), 0, 1000);
        assertThat(map.isNoOp()).isTrue();
        assertThat(map.imbalanceBefore()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(map.target().group(1).shards()).containsExactlyInAnyOrderElementsOf(roundRobin().group(1).shards());
    }

    @Test
    void coAccessedKeysEndUpOnOneNode() {
        // keys 100 (shard 0, n0) and 5100 (shard 5, n1) are always used together; 7100 and 7200 (shard 7, n3) too.
        // n3 is overloaded and moving 7100 alone would be the cheapest fix: the pair must move together or not at all
        GroupLoad load = uniform(10).hotKey(100, 30).hotKey(5100, 5).hotKey(7100, 30).hotKey(7200, 30).build();
        Map<Integer, List<Set<Long>>> coAccess = Map.of(1, List.of(Set.of(100L, 5100L), Set.of(7100L, 7200L)));
        ShardKeyMap map = generator.generate(4, roundRobin(), Map.of(1, load), coAccess, 0, 3_600_000);

        GroupLayout target = map.target().group(1);
        assertThat(target.owner(100).node()).isEqualTo(target.owner(5100).node());
        assertThat(target.owner(100).node()).isEqualTo("n0"); // where most of the pair's load already is
        assertThat(target.owner(7100).node()).isEqualTo(target.owner(7200).node());
        assertThat(map.imbalanceAfter()).isLessThanOrEqualTo(1.2);
    }

    @Test
    void movesAreTimedAgainstThePeak() {
        PlannerSettings slow = new PlannerSettings(1.2, 1.0, 1000, 0.02, 100); // one row per second
        GroupLoad load = GroupLoad.builder(1).segment(0, 15_999, 160).hotKey(42, 80).hotKey(43, 80).build();
        ShardKeyMap map = new MapGenerator(slow).generate(5, roundRobin(), Map.of(1, load), Map.of(), 0, 1_500);
        List<PlanStep> moves = map.steps().stream().filter(s -> s.kind() == PlanStep.Kind.MOVE).toList();
        assertThat(moves).hasSizeGreaterThanOrEqualTo(2);
        double expected = 0;
        for (PlanStep m : moves) {
            expected += m.estimatedRows();
            assertThat(m.finishesAtSeconds()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(m.beforePeak()).isEqualTo(expected <= 1.5);
        }
    }

    @Test
    void coldPinnedKeyIsMergedBackIntoItsRange() {
        List<ShardSpec> shards = new ArrayList<>(roundRobin().group(1).shards());
        shards.set(0, ShardSpec.range(0, 0, 1000, "n0", 999));
        shards.add(ShardSpec.pinned(99, List.of(500L), "n0", 1));
        ShardLayout layout = new ShardLayout(8, NODES, List.of(new GroupLayout(1, shards, 1)));
        ShardKeyMap map = generator.generate(6, layout, Map.of(1, uniform(10).build()), Map.of(), 0, 1000);
        assertThat(map.steps()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(PlanStep.Kind.MERGE);
            assertThat(s.shardId()).isEqualTo(99);
            assertThat(s.newShardId()).isEqualTo(0);
        });
        assertThat(map.target().group(1).owner(500).id()).isEqualTo(0);
    }

    @Test
    void diffAgainstAnotherLayoutSplitsPinsAndMoves() {
        ShardLayout from = roundRobin();
        List<ShardSpec> to = new ArrayList<>(from.group(1).shards());
        to.set(0, ShardSpec.range(0, 0, 400, "n0", 400));
        to.add(ShardSpec.range(20, 400, 1000, "n2", 600));
        to.add(ShardSpec.pinned(21, List.of(1500L), "n3", 1));
        ShardLayout target = new ShardLayout(9, NODES, List.of(new GroupLayout(1, to, 1)));
        ShardKeyMap map = new ShardKeyMap(10, target, target, Map.of(1, uniform(10).build()), 1.2, 0, 1000, 100);
        assertThat(map.isNoOp()).isTrue();
        List<PlanStep> steps = map.diff(from);
        assertThat(steps).extracting(PlanStep::kind)
                .containsExactlyInAnyOrder(PlanStep.Kind.SPLIT, PlanStep.Kind.PIN, PlanStep.Kind.MOVE, PlanStep.Kind.MOVE);
        assertThat(steps.get(0).kind()).isEqualTo(PlanStep.Kind.SPLIT);
        assertThat(steps.get(0).point()).isEqualTo(400);
        assertThat(steps).filteredOn(s -> s.kind() == PlanStep.Kind.MOVE)
                .extracting(PlanStep::toNode).containsExactlyInAnyOrder("n2", "n3");
    }

    /** Carrying out a generated map's steps on its base layout, one by one, gives exactly its target. */
    @Test
    void stepsLeadFromTheBaseToTheTarget() {
        GroupLoad skew = GroupLoad.builder(1).segment(0, 499, 205).segment(500, 15_999, 155).hotKey(1234, 100)
                .hotKey(7100, 30).hotKey(7200, 30).build();
        Map<Integer, List<Set<Long>>> coAccess = Map.of(1, List.of(Set.of(7100L, 7200L), Set.of(100L, 5100L)));
        List<ShardSpec> withPin = new ArrayList<>(roundRobin().group(1).shards());
        withPin.add(ShardSpec.pinned(50, List.of(3333L), "n3", 1)); // a cold pin: merged back
        ShardLayout base = new ShardLayout(3, NODES, List.of(new GroupLayout(1, withPin, 1)));
        ShardKeyMap map = generator.generate(11, base, Map.of(1, skew), coAccess, 0, 3_600_000);
        assertThat(map.steps()).extracting(PlanStep::kind)
                .contains(PlanStep.Kind.SPLIT, PlanStep.Kind.PIN, PlanStep.Kind.MOVE, PlanStep.Kind.MERGE);
        assertThat(shape(apply(base.group(1).shards(), map.steps()))).isEqualTo(shape(map.target().group(1).shards()));
    }

    /** What the router does with the steps, reduced to shard shapes (rows are estimates, not compared). */
    private static List<ShardSpec> apply(List<ShardSpec> shards, List<PlanStep> steps) {
        List<ShardSpec> out = new ArrayList<>(shards);
        for (PlanStep s : steps) {
            ShardSpec from = out.stream().filter(x -> x.id() == s.shardId()).findFirst().orElseThrow();
            switch (s.kind()) {
                case SPLIT -> {
                    out.remove(from);
                    out.add(ShardSpec.range(from.id(), from.lo(), s.point(), from.node(), 0));
                    out.add(ShardSpec.range(s.newShardId(), s.point(), from.hi(), from.node(), 0));
                }
                case PIN -> out.add(ShardSpec.pinned(s.newShardId(), List.of(s.point()), from.node(), 0));
                case MOVE -> {
                    assertThat(from.node()).isEqualTo(s.fromNode());
                    out.set(out.indexOf(from), from.withNode(s.toNode()));
                }
                case MERGE -> {
                    ShardSpec into = out.stream().filter(x -> x.id() == s.newShardId()).findFirst().orElseThrow();
                    assertThat(into.node()).isEqualTo(from.node()); // merges only join shards on one node
                    out.remove(from);
                    if (!into.isPinned() && !from.isPinned()) {
                        out.set(out.indexOf(into), ShardSpec.range(into.id(), Math.min(into.lo(), from.lo()),
                                Math.max(into.hi(), from.hi()), into.node(), 0));
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> shape(List<ShardSpec> shards) {
        Set<String> out = new java.util.TreeSet<>();
        for (ShardSpec s : shards) {
            out.add(s.isPinned() ? s.id() + " pinned " + new java.util.TreeSet<>(s.pinned()) + " @" + s.node()
                    : s.id() + " [" + s.lo() + "," + s.hi() + ") @" + s.node());
        }
        return out;
    }

    private static int indexOf(List<PlanStep> steps, PlanStep.Kind kind) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() == kind) {
                return i;
            }
        }
        return steps.size();
    }
}
