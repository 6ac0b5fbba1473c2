package org.herald.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the resident memory of a process and its children (PostgreSQL's backends) from
 * /proc twice a second and keeps the peak, in KiB.
 */
final class ProcessMemory implements AutoCloseable {

    private final long pid;
    private final boolean withChildren;
    private final AtomicLong peakKib = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    ProcessMemory(long pid, boolean withChildren) {
        this.pid = pid;
        this.withChildren = withChildren;
        sampler.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    long peakMib() {
        sample();
        return peakKib.get() / 1024;
    }

    private void sample() {
        long total = rssKib(pid);
        if (withChildren) {
            for (long child : children(pid)) {
                total += rssKib(child);
            }
        }
        peakKib.accumulateAndGet(total, Math::max);
    }

    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static List<Long> children(long pid) {
        return ProcessHandle.of(pid)
                .map(process -> process.children().map(ProcessHandle::pid).toList())
                .orElse(List.of());
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
