package io.shardwise.driver.runtime;

/** Test access to RuntimeHandle's package-private constructor. */
public final class TestHandles {
    private TestHandles() {
    }

    public static RuntimeHandle of(ClusterRuntime runtime, String url) {
        return new RuntimeHandle(runtime, url);
    }
}
