package io.shardwise.router.plan;

/** Where a value the router needs comes from: a placeholder the application binds, or a literal in the SQL. */
public sealed interface ValueSource {

    Object value(ParameterSource params);

    /** The application's {@code index}-th placeholder (1-based). */
    record Param(int index) implements ValueSource {
        @Override
        public Object value(ParameterSource params) {
            return params.parameter(index);
        }
    }

    /** A literal value written in the SQL text (a Long, BigDecimal, String, ... or null for NULL). */
    record Literal(Object literal) implements ValueSource {
        @Override
        public Object value(ParameterSource params) {
            return literal;
        }
    }
}
