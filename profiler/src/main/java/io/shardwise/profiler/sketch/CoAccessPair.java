package io.shardwise.profiler.sketch;

/** Two key points ({@code a < b}) seen in the same transaction {@code count} times (overestimated by at most {@code error}). */
public record CoAccessPair(long a, long b, long count, long error) {
}
