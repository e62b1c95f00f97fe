package io.shardwise.profiler.state;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.record.BucketStats;
import io.shardwise.profiler.record.Segmentation;
import io.shardwise.profiler.sketch.CoAccessPair;
import io.shardwise.profiler.sketch.HeavyKey;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the profiler has learnt, as bytes: so the router can persist it with the topology and a restart
 * does not forget the season. A versioned binary format (DataOutput, big-endian); a segmentation shared by
 * consecutive buckets is written once. Key objects are written as their {@code toString()} (they are only for
 * display) and come back as strings.
 */
public record ProfilerState(long bucketMillis, long openBucket, long mapVersion, List<Group> groups) {
    private static final int MAGIC = 0x53575046; // "SWPF"
    private static final int FORMAT = 2; // 2: a bucket covers a span of buckets (compacted steps)

    public record Group(int groupId, String name, KeySpace space, Segmentation segmentation, double[] smoothedResidual,
                        List<BucketStats> history) {
    }

    public static void write(ProfilerState state, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeLong(state.bucketMillis);
        out.writeLong(state.openBucket);
        out.writeLong(state.mapVersion);
        out.writeInt(state.groups.size());
        for (Group g : state.groups) {
            out.writeInt(g.groupId);
            out.writeUTF(g.name);
            out.writeLong(g.space.min());
            out.writeLong(g.space.max());
            writeSegmentation(out, g.segmentation);
            out.writeInt(g.smoothedResidual.length);
            for (double v : g.smoothedResidual) {
                out.writeDouble(v);
            }
            out.writeInt(g.history.size());
            Segmentation previous = null;
            for (BucketStats b : g.history) {
                out.writeLong(b.bucket());
                out.writeInt(b.span());
                boolean same = b.segmentation().equals(previous);
                out.writeBoolean(same);
                if (!same) {
                    writeSegmentation(out, b.segmentation());
                    previous = b.segmentation();
                }
                for (int i = 0; i < b.segmentation().size(); i++) {
                    out.writeLong(b.segmentReads(i));
                    out.writeLong(b.segmentWrites(i));
                }
                out.writeInt(b.heavyKeys().size());
                for (HeavyKey k : b.heavyKeys()) {
                    out.writeLong(k.point());
                    out.writeBoolean(k.value() != null);
                    if (k.value() != null) {
                        out.writeUTF(truncate(String.valueOf(k.value())));
                    }
                    out.writeLong(k.count());
                    out.writeLong(k.error());
                    out.writeLong(k.reads());
                    out.writeLong(k.writes());
                }
                out.writeInt(b.pairs().size());
                for (CoAccessPair p : b.pairs()) {
                    out.writeLong(p.a());
                    out.writeLong(p.b());
                    out.writeLong(p.count());
                    out.writeLong(p.error());
                }
                out.writeLong(b.broadcastReads());
                out.writeLong(b.broadcastWrites());
                out.writeLong(b.transactions());
                out.writeLong(b.readLatencyNanos());
                out.writeLong(b.writeLatencyNanos());
            }
        }
        out.flush();
    }

    public static ProfilerState read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Shardwise profiler state (bad magic number)");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unsupported profiler state format " + format + " (this version reads " + FORMAT + ")");
        }
        long bucketMillis = in.readLong();
        long openBucket = in.readLong();
        long mapVersion = in.readLong();
        int groupCount = size(in, 65_536, "groups");
        List<Group> groups = new ArrayList<>(groupCount);
        for (int gi = 0; gi < groupCount; gi++) {
            int id = in.readInt();
            String name = in.readUTF();
            KeySpace space;
            try {
                space = new KeySpace(in.readLong(), in.readLong());
            } catch (IllegalArgumentException e) {
                throw new IOException("corrupt profiler state: " + e.getMessage(), e);
            }
            Segmentation seg = readSegmentation(in, space);
            double[] smoothed = new double[size(in, 1 << 20, "segment loads")];
            for (int i = 0; i < smoothed.length; i++) {
                smoothed[i] = in.readDouble();
            }
            int buckets = size(in, 1 << 26, "buckets");
            List<BucketStats> history = new ArrayList<>(buckets);
            Segmentation previous = null;
            for (int bi = 0; bi < buckets; bi++) {
                long bucket = in.readLong();
                int span = size(in, 1 << 20, "buckets in one entry");
                boolean same = in.readBoolean();
                if (!same) {
                    previous = readSegmentation(in, space);
                } else if (previous == null) {
                    throw new IOException("corrupt profiler state: bucket refers to a missing segmentation");
                }
                int n = previous.size();
                long[] reads = new long[n];
                long[] writes = new long[n];
                for (int i = 0; i < n; i++) {
                    reads[i] = in.readLong();
                    writes[i] = in.readLong();
                }
                HeavyKey[] keys = new HeavyKey[size(in, 1 << 20, "heavy keys")];
                for (int i = 0; i < keys.length; i++) {
                    long point = in.readLong();
                    Object value = in.readBoolean() ? in.readUTF() : null;
                    keys[i] = new HeavyKey(point, value, in.readLong(), in.readLong(), in.readLong(), in.readLong());
                }
                CoAccessPair[] pairs = new CoAccessPair[size(in, 1 << 20, "pairs")];
                for (int i = 0; i < pairs.length; i++) {
                    pairs[i] = new CoAccessPair(in.readLong(), in.readLong(), in.readLong(), in.readLong());
                }
                try {
                    history.add(new BucketStats(bucket, span, previous, reads, writes, keys, pairs, in.readLong(),
                            in.readLong(), in.readLong(), in.readLong(), in.readLong()));
                } catch (IllegalArgumentException e) {
                    throw new IOException("corrupt profiler state: " + e.getMessage(), e);
                }
            }
            groups.add(new Group(id, name, space, seg, smoothed, history));
        }
        return new ProfilerState(bucketMillis, openBucket, mapVersion, groups);
    }

    private static void writeSegmentation(DataOutputStream out, Segmentation s) throws IOException {
        out.writeInt(s.size());
        for (int i = 0; i < s.size(); i++) {
            out.writeLong(s.low(i));
        }
    }

    private static Segmentation readSegmentation(DataInputStream in, KeySpace space) throws IOException {
        long[] lows = new long[size(in, 1 << 20, "segments")];
        for (int i = 0; i < lows.length; i++) {
            lows[i] = in.readLong();
        }
        try {
            return new Segmentation(space, lows);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt profiler state: " + e.getMessage(), e);
        }
    }

    /** A count read from the stream, refused when negative or beyond {@code max} (a corrupt or foreign stream). */
    private static int size(DataInputStream in, int max, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("corrupt profiler state: " + n + " " + what);
        }
        return n;
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
