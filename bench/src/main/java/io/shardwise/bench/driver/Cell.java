package io.shardwise.bench.driver;

/** Everything measured for one (target, workload, statement style) over all measured windows of a run. */
final class Cell {

    final String target;
    final Workload workload;
    final StatementStyle style;
    final LatencyHistogram latency = new LatencyHistogram();
    final double[] opsPerSecondByRound;
    long ops;
    long nanos;
    long allocatedBytes;
    long cpuNanos;
    /** The first failure; a failed cell is not measured again. */
    String error;

    Cell(String target, Workload workload, StatementStyle style, int rounds) {
        this.target = target;
        this.workload = workload;
        this.style = style;
        this.opsPerSecondByRound = new double[rounds];
    }

    void addWindow(int round, Window w) {
        ops += w.ops();
        nanos += w.nanos();
        allocatedBytes += w.allocatedBytes();
        cpuNanos += w.cpuNanos();
        opsPerSecondByRound[round] = w.opsPerSecond();
    }

    boolean failed() {
        return error != null;
    }

    double opsPerSecond() {
        return nanos == 0 ? 0 : ops * 1e9 / nanos;
    }

    double bytesPerOp() {
        return ops == 0 ? 0 : (double) allocatedBytes / ops;
    }

    double cpuMicrosPerOp() {
        return ops == 0 ? 0 : cpuNanos / 1e3 / ops;
    }

    /** One timed window: wall time, operations, and the JVM-wide allocation and process CPU time it cost. */
    record Window(long ops, long nanos, long allocatedBytes, long cpuNanos) {
        double opsPerSecond() {
            return nanos == 0 ? 0 : ops * 1e9 / nanos;
        }
    }
}
