package io.shardwise.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import org.junit.jupiter.api.Test;

class PeerClassLoaderTest {

    @Test
    void sharesH2AndTheJdkButNothingElseOfOurClasspath() throws Exception {
        ClassLoader ours = getClass().getClassLoader();
        try (PeerClassLoader peer = new PeerClassLoader(new URL[0], ours)) {
            assertThat(peer.loadClass("org.h2.Driver")).isSameAs(org.h2.Driver.class);
            assertThat(peer.loadClass("java.sql.Connection")).isSameAs(java.sql.Connection.class);
            // Our own classes and libraries (e.g. our Calcite) stay invisible to the peer.
            assertThatThrownBy(() -> peer.loadClass(BenchConfig.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> peer.loadClass("org.junit.jupiter.api.Test"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }
}
