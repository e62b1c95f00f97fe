package io.shardwise.router.sql;

import io.shardwise.router.plan.ParameterSource;

/**
 * A statement text with its literals replaced by {@code ?}, as {@link SqlNormalizer} makes it, and where each
 * {@code ?} of that text gets its value: an application parameter or a literal taken out of the original text.
 * Placeholder numbers are 1-based like JDBC's. Immutable.
 */
public final class NormalizedStatement {

    /** Stands in a slot for "the application's parameter k": slots hold either this or a literal's value. */
    static final class ApplicationParameter {
        private static final ApplicationParameter[] CACHE = new ApplicationParameter[256];

        static {
            for (int i = 0; i < CACHE.length; i++) {
                CACHE[i] = new ApplicationParameter(i + 1);
            }
        }

        final int index;

        private ApplicationParameter(int index) {
            this.index = index;
        }

        static ApplicationParameter of(int index) {
            return index <= CACHE.length ? CACHE[index - 1] : new ApplicationParameter(index);
        }
    }

    private final String original;
    private final String sql;
    private final Object[] slots;
    private final int placeholderCount;
    private final int literalCount;

    NormalizedStatement(String original, String sql, Object[] slots, int placeholderCount, int literalCount) {
        this.original = original;
        this.sql = sql;
        this.slots = slots;
        this.placeholderCount = placeholderCount;
        this.literalCount = literalCount;
    }

    static NormalizedStatement unchanged(String sql, int applicationParameters) {
        return new NormalizedStatement(sql, sql, null, applicationParameters, 0);
    }

    /** The application's text. */
    public String original() {
        return original;
    }

    /** The normalised text (the very same String as {@link #original()} when no literal was replaced). */
    public String sql() {
        return sql;
    }

    /** Whether any literal was replaced. */
    public boolean hasLiterals() {
        return literalCount > 0;
    }

    /** How many literals were replaced. */
    public int literalCount() {
        return literalCount;
    }

    /** How many {@code ?} the normalised text has (application parameters plus replaced literals). */
    public int placeholderCount() {
        return placeholderCount;
    }

    /** How many {@code ?} the application's own text has. */
    public int applicationParameterCount() {
        return placeholderCount - literalCount;
    }

    /** Whether placeholder {@code i} (1-based) of the normalised text is a literal taken from the original. */
    public boolean isLiteral(int placeholder) {
        checkIndex(placeholder);
        return slots != null && !(slots[placeholder - 1] instanceof ApplicationParameter);
    }

    /** The literal value of placeholder {@code i}: a Long, a BigDecimal or a String. */
    public Object literal(int placeholder) {
        if (!isLiteral(placeholder)) {
            throw new IllegalArgumentException("placeholder " + placeholder + " is an application parameter");
        }
        return slots[placeholder - 1];
    }

    /** Which literal (1-based, in text order) placeholder {@code i} holds. */
    public int literalNumber(int placeholder) {
        if (!isLiteral(placeholder)) {
            throw new IllegalArgumentException("placeholder " + placeholder + " is an application parameter");
        }
        int number = 0;
        for (int i = 0; i < placeholder; i++) {
            if (!(slots[i] instanceof ApplicationParameter)) {
                number++;
            }
        }
        return number;
    }

    /** The literal values in text order (a new array). */
    public Object[] literalValues() {
        Object[] values = new Object[literalCount];
        int j = 0;
        for (int i = 0; i < placeholderCount && slots != null; i++) {
            if (!(slots[i] instanceof ApplicationParameter)) {
                values[j++] = slots[i];
            }
        }
        return values;
    }

    /** The application's parameter index (1-based) placeholder {@code i} stands for. */
    public int applicationParameter(int placeholder) {
        checkIndex(placeholder);
        if (slots == null) {
            return placeholder;
        }
        if (slots[placeholder - 1] instanceof ApplicationParameter p) {
            return p.index;
        }
        throw new IllegalArgumentException("placeholder " + placeholder + " is a literal");
    }

    /** The value of placeholder {@code i}: the literal, or the application's bound value. */
    public Object value(int placeholder, ParameterSource applicationParameters) {
        checkIndex(placeholder);
        if (slots == null) {
            return applicationParameters.parameter(placeholder);
        }
        Object slot = slots[placeholder - 1];
        return slot instanceof ApplicationParameter p ? applicationParameters.parameter(p.index) : slot;
    }

    /** The placeholders of the normalised text as a parameter source over the application's values. */
    public ParameterSource bind(ParameterSource applicationParameters) {
        return slots == null ? applicationParameters : placeholder -> value(placeholder, applicationParameters);
    }

    private void checkIndex(int placeholder) {
        if (placeholder < 1 || placeholder > placeholderCount) {
            throw new IndexOutOfBoundsException("placeholder " + placeholder + " of " + placeholderCount);
        }
    }

    @Override
    public String toString() {
        return sql;
    }
}
