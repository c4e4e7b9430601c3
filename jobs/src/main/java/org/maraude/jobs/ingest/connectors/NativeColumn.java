package org.maraude.jobs.ingest.connectors;

import java.util.ArrayList;
import java.util.List;

/**
 * A column of a native export: the name used in messages and the header spellings that mean it,
 * in English and French UIs. A spelling given as {@code "fr:Jour"} is French: matching it tells
 * the table the export came from a French UI (decimal comma). Money columns also match their
 * spelling followed by a currency code ({@code Amount spent (EUR)}).
 *
 * @param display the name shown in messages ({@code "Amount spent / Montant dépensé"})
 * @param spellings normalised spellings (see {@link NativeValues#normaliseHeader})
 * @param french for each spelling, whether it is French
 * @param money whether a currency suffix may follow
 */
public record NativeColumn(String display, List<String> spellings, List<Boolean> french, boolean money) {

    public NativeColumn {
        spellings = List.copyOf(spellings);
        french = List.copyOf(french);
    }

    /** A column; the first spelling of each language makes the display name. */
    public static NativeColumn of(String... spellings) {
        return build(false, spellings);
    }

    /** A money column: the header may end with a currency code in brackets. */
    public static NativeColumn money(String... spellings) {
        return build(true, spellings);
    }

    private static NativeColumn build(boolean money, String... raw) {
        List<String> norm = new ArrayList<>();
        List<Boolean> fr = new ArrayList<>();
        String firstEn = null;
        String firstFr = null;
        for (String s : raw) {
            boolean isFr = s.startsWith("fr:");
            String text = isFr ? s.substring(3) : s;
            norm.add(NativeValues.normaliseHeader(text));
            fr.add(isFr);
            if (isFr && firstFr == null) {
                firstFr = text;
            } else if (!isFr && firstEn == null) {
                firstEn = text;
            }
        }
        String display = firstEn == null ? firstFr : firstFr == null ? firstEn : firstEn + " / " + firstFr;
        return new NativeColumn(display, norm, fr, money);
    }

    /** Index of the spelling a normalised header cell matches, or -1. */
    int match(String normalisedHeader) {
        String h = money ? NativeValues.withoutCurrency(normalisedHeader) : normalisedHeader;
        return spellings.indexOf(h);
    }
}
