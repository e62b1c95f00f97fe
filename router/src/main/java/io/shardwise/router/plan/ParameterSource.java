package io.shardwise.router.plan;

/**
 * The values an application bound to a statement's {@code ?} placeholders, as the driver holds them. Indexes are
 * 1-based like JDBC's. A SQL NULL is {@code null}. Implemented by the driver's statement objects, so routing reads
 * the values where they already are: nothing is copied on the hot path.
 */
public interface ParameterSource {
    ParameterSource NONE = index -> {
        throw new IllegalArgumentException("no parameter " + index);
    };

    /** For statements without placeholders: any parameter reads as "not bound" (null). */
    ParameterSource NONE_BOUND = index -> null;

    Object parameter(int index);
}
