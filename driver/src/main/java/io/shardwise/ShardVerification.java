package io.shardwise;

import java.util.List;

/**
 * What {@code SHARDWISE VERIFY SHARD} found. While the shard is moving it compares the source and the target (row
 * count and an order-independent checksum per key range); otherwise it reports the owner's row count and checksum
 * ({@code target} null), a fingerprint to compare before and after an operation.
 */
public record ShardVerification(long shardId, String source, String target, long sourceRows, long targetRows,
                                long sourceChecksum, long targetChecksum, boolean matches, List<String> mismatches) {
}
