package org.maraude.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Submits independent Spark jobs from a few driver threads, so that a small job never leaves cores
 * idle while it waits for its slowest task (one dataset's files are parsed while another's are
 * de-duplicated). Results keep the order of the inputs; the first failure is rethrown as is, once the items
 * already running have ended.
 */
public final class Concurrently {
    /** Driver threads submitting jobs: enough to keep a few jobs queued, few enough to keep memory flat. */
    static final int THREADS = 4;

    private Concurrently() {}

    public static <T, R> List<R> map(List<T> items, Function<T, R> fn) {
        if (items.size() <= 1) {
            return items.stream().map(fn).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, items.size()), r -> {
            Thread t = new Thread(r, "maraude-jobs");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> fn.apply(item)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    // The items not started are dropped; those running are left to end, not interrupted
                    // (interrupting a thread does not stop its Spark job): once the failure is thrown, no item
                    // may still submit a job or write (after a full disk, into a folder the run has cleaned up).
                    futures.forEach(x -> x.cancel(false));
                    pool.shutdown();
                    awaitRunning(pool);
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitRunning(ExecutorService pool) {
        try {
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
