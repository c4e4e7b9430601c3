package org.maraude.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a project's ad_delivery rows: the canonical file, and with quirks on, the overlapping re-export,
 * the planted {@code bereal} rows and the two native exports (French Meta Ads Manager, TikTok Ads Manager)
 * that replace the canonical rows of their platforms over the last months.
 */
final class DeliveryFiles {
    private DeliveryFiles() {}

    static String bereal(ProjectRun run) { return run.spec.code + "-bereal-01"; }

    static int berealStart(ProjectRun run) { return run.days / 2; }

    static void write(ProjectRun run) {
        List<ProjectRun.Del> all = new ArrayList<>(run.deliveries);
        run.deliveries.clear();
        Quirks q = run.q;
        boolean on = run.quirksOn;
        String pid = run.pid;
        int days = run.days;
        if (on && pid.equals(ProjectRun.BEREAL_PROJECT)) {
            int b0 = berealStart(run);
            String camp = run.spec.code + "-bereal-test";
            for (int i = 0; i < 10 && b0 + i < days; i++) {
                long imp = 800 + run.rDel.nextInt(400);
                all.add(new ProjectRun.Del(b0 + i, "bereal", camp, bereal(run), imp, imp * 8 / 10, imp / 200, -1, 450 + run.rDel.nextInt(100)));
            }
            all.sort((a, b) -> Integer.compare(a.d(), b.d()));
        }
        // native exports cover the last ~2 months with delivery of their platforms
        int lastMeta = -1, lastTiktok = -1;
        for (ProjectRun.Del x : all) {
            if (x.platform().equals("facebook") || x.platform().equals("instagram")) lastMeta = x.d();
            if (x.platform().equals("tiktok")) lastTiktok = x.d();
        }
        int metaFrom = pid.equals(ProjectRun.NATIVE_META_PROJECT) ? nativeFrom(run, lastMeta) : Integer.MAX_VALUE;
        int tiktokFrom = pid.equals(ProjectRun.NATIVE_TIKTOK_PROJECT) ? nativeFrom(run, lastTiktok) : Integer.MAX_VALUE;
        List<ProjectRun.Del> meta = new ArrayList<>(), tiktok = new ArrayList<>(), canon = new ArrayList<>();
        for (ProjectRun.Del x : all) {
            if (on && x.d() >= metaFrom && (x.platform().equals("facebook") || x.platform().equals("instagram"))) {
                meta.add(x);
            } else if (on && x.d() >= tiktokFrom && x.platform().equals("tiktok")) {
                tiktok.add(x);
            } else {
                canon.add(x);
            }
        }
        String from = Paris.date(run.startDay), to = Paris.date(run.startDay + days - 1);
        if (on && pid.equals(ProjectRun.REEXPORT_PROJECT) && days > 120) {
            // cut the first export at a day with delivery, about 30% into the period
            int cut = canon.isEmpty() ? days / 3 : canon.get((int) (canon.size() * 0.3)).d();
            int overlap = Math.max(0, cut - 16);
            String cutDate = Paris.date(run.startDay + cut), ovDate = Paris.date(run.startDay + overlap);
            String oldName = pid + "/ad_delivery/ad_delivery-" + from + "_" + cutDate + "-exported-" + cutDate + ".csv";
            String newName = pid + "/ad_delivery/ad_delivery-" + ovDate + "_" + to + "-exported-" + Paris.date(run.startDay + days) + ".csv";
            CsvSink old = sink(run, oldName);
            for (ProjectRun.Del x : canon) {
                if (x.d() > cut) continue;
                ProjectRun.Del y = x;
                if (x.d() == cut) {
                    // exported mid-day: the last day is partial in the old file
                    y = new ProjectRun.Del(x.d(), x.platform(), x.campaign(), x.creative(), x.imp() * 62 / 100,
                            x.reach() < 0 ? -1 : x.reach() * 70 / 100, x.clicks() * 60 / 100,
                            x.vv() < 0 ? -1 : x.vv() * 62 / 100, x.cents() * 62 / 100);
                }
                row(run, old, y, true);
                if (x.d() >= overlap) {
                    q.log(old, old.lastLine(), Quirks.OVERLAPPING_ROW, "", (x.d() == cut ? "partial day; " : "")
                            + "superseded by the newer export " + newName.substring(newName.lastIndexOf('/') + 1));
                }
            }
            close(run, old);
            CsvSink nw = sink(run, newName);
            q.log(nw, 0, Quirks.OVERLAPPING_REEXPORT, "", "re-export covering " + ovDate + ".." + cutDate
                    + " again (newer, complete values win)");
            for (ProjectRun.Del x : canon) if (x.d() >= overlap) row(run, nw, x, true);
            close(run, nw);
        } else {
            CsvSink c = sink(run, pid + "/ad_delivery/ad_delivery-" + from + "_" + to + ".csv");
            for (ProjectRun.Del x : canon) row(run, c, x, true);
            close(run, c);
        }
        if (!meta.isEmpty()) NativeExports.meta(run, meta, metaFrom);
        if (!tiktok.isEmpty()) NativeExports.tiktok(run, tiktok, tiktokFrom);
    }

    /** First day of the native export: the first of the month about two months before the platform's last delivery. */
    private static int nativeFrom(ProjectRun run, int lastDay) {
        if (lastDay < 0) return Integer.MAX_VALUE;
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(run.startDay + (long) Math.max(0, lastDay - 45)).withDayOfMonth(1);
        return (int) Math.max(0, d.toEpochDay() - run.startDay);
    }

    private static CsvSink sink(ProjectRun run, String rel) {
        return new CsvSink(run.root, rel, "ad_delivery", false, 6, false).header(ProjectRun.DELIVERY_HEADER);
    }

    private static void close(ProjectRun run, CsvSink s) {
        s.close();
        run.sh.count(s);
    }

    static String money(long cents) {
        return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
    }

    private static void row(ProjectRun run, CsvSink s, ProjectRun.Del x, boolean dupEligible) {
        String[] cells = {Paris.date(run.startDay + x.d()), x.platform(), x.campaign(), x.creative(), Long.toString(x.imp()),
                x.reach() < 0 ? null : Long.toString(x.reach()), Long.toString(x.clicks()),
                x.vv() < 0 ? null : Long.toString(x.vv()), money(x.cents())};
        s.row(cells);
        if (x.platform().equals("bereal")) run.q.log(s, s.lastLine(), Quirks.UNKNOWN_ENUM, "platform", "value bereal");
        if (dupEligible && run.q.pick("ad_delivery", new String[]{Quirks.DUPLICATE}) != null) {
            s.row(cells);
            run.q.log(s, s.lastLine(), Quirks.DUPLICATE, "", "exact copy of line " + (s.lastLine() - 1));
        }
    }
}
