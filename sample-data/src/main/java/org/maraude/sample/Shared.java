package org.maraude.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/** State shared across projects: keys, the registry, cross-project youth, quirks and the youth truth. */
final class Shared {
    final SampleOptions opt;
    final Keys keys;
    final Quirks quirks;
    final CsvSink registry;
    final CsvSink youthTruth;
    final List<PriorityQueue<Pending>> pending = new ArrayList<>();
    final List<Path> files = new ArrayList<>();
    final Map<String, Long> rows = new TreeMap<>();
    double unknownIntercept;
    long youthSerial;
    long registryOnlySerial;
    long contactedPairs;

    /** A youth scheduled to contact a later project: what that project needs to stay consistent. */
    record Pending(int day, long serial, String key, TrueModel.Profile profile, List<int[]> registryRows, int fromProject) {}

    static final Comparator<Pending> ORDER = Comparator.comparingInt(Pending::day).thenComparingLong(Pending::serial);

    Shared(SampleOptions opt, int projects, Quirks quirks, CsvSink registry, CsvSink youthTruth) {
        this.opt = opt;
        this.keys = new Keys(opt.seed());
        this.quirks = quirks;
        this.registry = registry;
        this.youthTruth = youthTruth;
        for (int i = 0; i < projects; i++) pending.add(new PriorityQueue<>(ORDER));
    }

    void count(CsvSink s) {
        rows.merge(s.dataset, s.dataRows(), Long::sum);
        files.add(s.path);
    }
}
