package io.shardwise.bench.driver;

import java.lang.management.ManagementFactory;

/**
 * Allocation and CPU meters read at window boundaries only. Allocation is summed over all live JVM threads, so work
 * a driver hands to its own executor threads (scatter queries) is counted too; CPU is the whole process's.
 */
final class ResourceMeters {

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    ResourceMeters() {
        if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
    }

    long allocatedBytes() {
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            if (b > 0) {
                sum += b;
            }
        }
        return sum;
    }

    long processCpuNanos() {
        return os.getProcessCpuTime();
    }
}
