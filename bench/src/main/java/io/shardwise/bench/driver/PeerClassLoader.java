package io.shardwise.bench.driver;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the peer (ShardingSphere-JDBC and its own Calcite 1.38, Caffeine 2, HikariCP 4, Guava, Groovy...) in
 * isolation from Shardwise's classpath, so neither side sees the other's library versions. Only the JDK (through
 * the platform loader) and H2 are shared: H2 comes from the benchmark's own loader, so all three systems run on the
 * same H2 build and the harness can reach the peer's in-memory databases by URL.
 */
final class PeerClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String SHARED_PACKAGE = "org.h2.";

    private final ClassLoader shared;

    PeerClassLoader(URL[] peerJars, ClassLoader shared) {
        super("shardingsphere-peer", peerJars, ClassLoader.getPlatformClassLoader());
        this.shared = shared;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SHARED_PACKAGE)) {
            return shared.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
