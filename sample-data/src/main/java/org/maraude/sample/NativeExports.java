package org.maraude.sample;

import java.util.List;

/**
 * The two native-format files (see the shared spec native-exports.md): a French Meta Ads Manager daily report
 * ({@code ;} separator, decimal comma, space and no-break-space thousands, DD/MM/YYYY dates, BOM) and a TikTok
 * Ads Manager custom report ({@code ,} separator, quoted thousands, {@code --} nulls, {@code <5} masked values,
 * closing {@code Total} row). Ad and campaign names are the canonical creative and campaign ids.
 */
final class NativeExports {
    private NativeExports() {}

    static void meta(ProjectRun run, List<ProjectRun.Del> rows, int fromDay) {
        String from = Paris.date(run.startDay + fromDay), to = Paris.date(run.startDay + rows.get(rows.size() - 1).d());
        String rel = run.pid + "/native/meta/Rapport-publicites-jour-" + from + "-" + to + ".csv";
        CsvSink s = new CsvSink(run.root, rel, "native", false, 6, true);
        s.line("Début des rapports;Fin des rapports;Jour;Nom de la campagne;Nom de l'ensemble de publicités;"
                + "Nom de la publicité;Plateforme;Couverture;Impressions;Répétition;Montant dépensé (EUR);Clics sur un lien");
        run.q.log(s, 0, Quirks.NATIVE_META, "", "French Meta Ads Manager export; replaces canonical ad_delivery rows of "
                + "facebook and instagram from " + from + " to " + to);
        String fr0 = fr(from), fr1 = fr(to);
        for (ProjectRun.Del x : rows) {
            long reach = x.reach() < 0 ? x.imp() : x.reach();
            String rep = frDecimal(Math.round(100.0 * x.imp() / Math.max(1, reach)));
            s.line(fr0 + ";" + fr1 + ";" + fr(Paris.date(run.startDay + x.d())) + ";" + x.campaign() + ";" + x.campaign()
                    + "-ensemble;" + x.creative() + ";" + x.platform() + ";" + thousands(reach, ' ') + ";"
                    + thousands(x.imp(), '\u00A0') + ";" + rep + ";" + frDecimal(x.cents()) + ";"
                    + (x.clicks() == 0 ? "" : Long.toString(x.clicks())));
        }
        s.close();
        run.sh.count(s);
    }

    static void tiktok(ProjectRun run, List<ProjectRun.Del> rows, int fromDay) {
        String from = Paris.date(run.startDay + fromDay), to = Paris.date(run.startDay + rows.get(rows.size() - 1).d());
        String rel = run.pid + "/native/tiktok/tiktok-ads-report-" + from + "-" + to + ".csv";
        CsvSink s = new CsvSink(run.root, rel, "native", false, 6, false);
        s.line("By Day,Campaign name,Ad name,Cost,Impressions,Reach,Clicks (destination),Currency");
        run.q.log(s, 0, Quirks.NATIVE_TIKTOK, "", "TikTok Ads Manager export; replaces canonical ad_delivery rows of tiktok from "
                + from + " to " + to);
        long cost = 0, imp = 0, clicks = 0;
        int i = 0;
        for (ProjectRun.Del x : rows) {
            boolean nullReach = i++ % 7 == 3;
            boolean masked = x.clicks() > 0 && x.clicks() < 5;
            s.line(Paris.date(run.startDay + x.d()) + "," + x.campaign() + "," + x.creative() + "," + enMoney(x.cents()) + ","
                    + enThousands(x.imp()) + "," + (nullReach ? "--" : enThousands(x.reach())) + ","
                    + (masked ? "<5" : enThousands(x.clicks())) + ",EUR");
            if (nullReach) run.q.log(s, s.lastLine(), Quirks.NATIVE_NULL, "Reach", "null written --");
            if (masked) run.q.log(s, s.lastLine(), Quirks.NATIVE_MASKED, "Clicks (destination)", "value masked as <5");
            cost += x.cents();
            imp += x.imp();
            clicks += x.clicks();
        }
        s.line("Total,--,--," + enMoney(cost) + "," + enThousands(imp) + ",--," + enThousands(clicks) + ",EUR");
        run.q.log(s, s.lastLine(), Quirks.NATIVE_TOTAL, "", "closing Total row, not data");
        s.close();
        run.sh.count(s);
    }

    static String fr(String isoDate) {
        return isoDate.substring(8, 10) + "/" + isoDate.substring(5, 7) + "/" + isoDate.substring(0, 4);
    }

    /** Cents (or hundredths) to a French decimal: 1234 -> "12,34". */
    static String frDecimal(long hundredths) {
        return thousands(hundredths / 100, '\u00A0') + "," + (hundredths % 100 < 10 ? "0" : "") + (hundredths % 100);
    }

    static String thousands(long v, char sep) {
        String s = Long.toString(v);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && (s.length() - i) % 3 == 0) b.append(sep);
            b.append(s.charAt(i));
        }
        return b.toString();
    }

    static String enThousands(long v) {
        String t = thousands(v, ',');
        return v >= 1000 ? "\"" + t + "\"" : t;
    }

    static String enMoney(long cents) {
        String t = thousands(cents / 100, ',') + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
        return cents >= 100_000 ? "\"" + t + "\"" : t;
    }
}
