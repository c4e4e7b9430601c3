package org.maraude.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The INSEE département list (bundled resource) and the generator's synthetic département weights and groups. */
final class Reference {
    static final List<String> DEPTS;
    static final List<String> NAMES;

    /** Département effect groups of the true previously-unknown model (see {@link TrueModel#DEPT_GROUP_COEF}). */
    static final String[] GROUPS = {"other", "overseas", "rural", "priority_urban", "metro_core"};
    private static final Set<String> RURAL = Set.of("03", "04", "05", "07", "08", "09", "12", "15", "19", "23", "24",
            "32", "36", "39", "43", "46", "47", "48", "52", "55", "58", "61", "70", "87", "89", "2A", "2B");
    private static final Set<String> PRIORITY_URBAN = Set.of("93", "95", "13", "59", "69", "94", "91", "78", "77", "62",
            "76", "68");
    private static final Set<String> METRO_CORE = Set.of("75", "92", "31", "33", "44", "35", "34", "06", "38", "67");
    private static final Set<String> BIG = Set.of("75", "13", "59", "69", "92", "93", "94", "33", "31", "44", "67", "06",
            "34", "62", "76", "78", "91", "95", "77", "38");

    static {
        List<String> d = new ArrayList<>(), n = new ArrayList<>();
        try (InputStream in = Reference.class.getResourceAsStream("departements-insee-cog-2022.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine();
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                String[] c = line.split(",", -1);
                d.add(c[0]);
                n.add(c[5]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DEPTS = List.copyOf(d);
        NAMES = List.copyOf(n);
    }

    private Reference() {}

    static int index(String dept) {
        int i = DEPTS.indexOf(dept);
        if (i < 0) throw new IllegalArgumentException("unknown département " + dept);
        return i;
    }

    static String name(String dept) { return NAMES.get(index(dept)); }

    static int group(String dept) {
        if (dept.startsWith("97")) return 1;
        if (RURAL.contains(dept)) return 2;
        if (PRIORITY_URBAN.contains(dept)) return 3;
        if (METRO_CORE.contains(dept)) return 4;
        return 0;
    }

    /** Synthetic national weights (not populations): larger départements count 3, overseas 1, others 1. */
    static double[] nationalWeights() {
        double[] w = new double[DEPTS.size()];
        for (int i = 0; i < w.length; i++) w[i] = BIG.contains(DEPTS.get(i)) ? 3.0 : 1.0;
        return w;
    }
}
