package io.shardwise.router.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.TestClusters;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedTopologySurvivesReopening() throws Exception {
        Topology t = Topology.initial(TestClusters.spec(2));
        Topology moved;
        try (FileTopologyStore store = FileTopologyStore.open(dir)) {
            assertThat(store.load()).isEmpty();
            LiveTopology live = new LiveTopology(store, t);
            store.save(t);
            moved = live.update(x -> x.withOwner(1, "n2"));
            assertThat(live.current()).isSameAs(moved);
            assertThatThrownBy(() -> store.save(t)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("not newer");
        }
        assertThat(dir.resolve(FileTopologyStore.FILE + ".tmp")).doesNotExist();
        try (FileTopologyStore again = FileTopologyStore.open(dir)) {
            Topology loaded = again.load().orElseThrow();
            assertThat(loaded).isEqualTo(moved);
            assertThat(loaded.shard(1).node()).isEqualTo("n2");
        }
    }

    @Test
    void aSecondOpenInThisJvmIsRefused() throws Exception {
        try (FileTopologyStore first = FileTopologyStore.open(dir)) {
            assertThatThrownBy(() -> FileTopologyStore.open(dir)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("in use by another driver instance")
                    .hasMessageContaining(dir.toAbsolutePath().toString());
        }
        FileTopologyStore.open(dir).close(); // released on close
    }

    @Test
    void anotherProcessHoldingTheDirectoryIsRefused() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldStore.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            assertThat(p.getInputStream().read()).isEqualTo('L'); // the child holds the lock now
            assertThatThrownBy(() -> FileTopologyStore.open(dir)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("in use");
        } finally {
            p.getOutputStream().close(); // the child exits when its stdin closes
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        FileTopologyStore.open(dir).close();
    }

    @Test
    void inMemoryStoreKeepsTheLatest() throws Exception {
        InMemoryTopologyStore store = new InMemoryTopologyStore();
        Topology t = Topology.initial(TestClusters.spec(4));
        store.save(t);
        assertThat(store.load()).contains(t);
        assertThat(t.group("customers").nodes()).containsExactly("n1", "n2", "n3", "n4");
    }

    @Test
    void aCorruptFileIsReportedWithItsPath() throws Exception {
        Files.writeString(dir.resolve(FileTopologyStore.FILE), "garbage");
        try (FileTopologyStore store = FileTopologyStore.open(dir)) {
            assertThatThrownBy(store::load).isInstanceOf(SQLException.class)
                    .hasMessageContaining(FileTopologyStore.FILE);
        }
    }

    /** Child process: opens the store, prints L, waits for stdin to close. */
    public static final class HoldStore {
        public static void main(String[] args) throws Exception {
            try (FileTopologyStore s = FileTopologyStore.open(Path.of(args[0]))) {
                System.out.print('L');
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait
                }
            }
        }
    }
}
