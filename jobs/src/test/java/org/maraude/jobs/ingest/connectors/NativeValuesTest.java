package org.maraude.jobs.ingest.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NativeValuesTest {

    @ParameterizedTest(name = "[{index}] {0} (comma={1}) -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "1234,56 | true | 1234.56",
        "1 234,56 | true | 1234.56",
        "'1\u00A0234,56' | true | 1234.56",
        "'1\u202F234\u202F567' | true | 1234567",
        "1.234,56 | true | 1234.56",
        "1.234 | true | 1234",
        "12,5 | true | 12.5",
        "12.5 | true | 12.5",
        "0.125 | true | 0.125",
        "25,881 | false | 25881",
        "1,234,567 | false | 1234567",
        "1,234.56 | false | 1234.56",
        "12,5 | false | 12.5",
        "0,125 | false | 0.125",
        "1234.56 | false | 1234.56",
        "1.234.567 | false | 1234567",
        "12 € | true | 12",
        "-3 | false | -3",
        "'\u22123' | false | -3",
        "0 | false | 0",
        "' 42 ' | false | 42",
    })
    void parsesNumbers(String raw, boolean decimalComma, String expected) {
        assertEquals(new BigDecimal(expected), NativeValues.parseNumber(raw, decimalComma));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"77.77%", "> 90%", "abc", "1,2,3.4.5", "12-3", ".5", "5.", "--", "<5", "1e5"})
    void refusesNonNumbers(String raw) {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> NativeValues.parseNumber(raw, false));
        assertFalse(e.getMessage().contains(raw));
    }

    @Test
    void nullsAndMasks() {
        for (String n : new String[] {null, "", "  ", "--", " --", "-", "\u2014"}) {
            assertTrue(NativeValues.isNull(n), String.valueOf(n));
        }
        assertFalse(NativeValues.isNull("0"));
        assertTrue(NativeValues.isMasked("<5"));
        assertTrue(NativeValues.isMasked(" < 10 "));
        assertFalse(NativeValues.isMasked("5"));
        assertFalse(NativeValues.isMasked("<"));
        assertFalse(NativeValues.isMasked("<abc"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "2025-01-08 | 2025 | 1 | 8",
        "2025/01/08 | 2025 | 1 | 8",
        "2025-01-08 00:00:00 | 2025 | 1 | 8",
        "2025-01-08T00:00:00.000-08:00 | 2025 | 1 | 8",
        "08/01/2025 | 2025 | 1 | 8",
        "8/1/2025 | 2025 | 1 | 8",
        "08.01.2025 | 2025 | 1 | 8",
        "31/12/2024 23:59 | 2024 | 12 | 31",
        "'Jan 8, 2025' | 2025 | 1 | 8",
        "'January 8, 2025' | 2025 | 1 | 8",
        "Sept 30 2025 | 2025 | 9 | 30",
        "8 janv. 2025 | 2025 | 1 | 8",
        "1er avril 2025 | 2025 | 4 | 1",
        "12 décembre 2024 | 2024 | 12 | 12",
        "3 août 2025 | 2025 | 8 | 3",
    })
    void parsesDatesWithYear(String raw, int year, int month, int day) {
        assertEquals(new NativeValues.PartialDate(year, month, day), NativeValues.parseDate(raw));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"April 12 | 4 | 12", "12 avril | 4 | 12", "Feb 29 | 2 | 29", "1er mai | 5 | 1",
        "févr. 3 | 2 | 3"})
    void parsesDatesWithoutYear(String raw, int month, int day) {
        NativeValues.PartialDate d = NativeValues.parseDate(raw);
        assertNull(d.year());
        assertEquals(month, d.month());
        assertEquals(day, d.day());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "2025-13-01", "2025-02-30", "31/02/2025", "12/31/2025", "Total", "April 31",
        "Smarch 3", "12345", "2025"})
    void refusesBadDates(String raw) {
        assertThrows(DateTimeException.class, () -> NativeValues.parseDate(raw));
    }

    @Test
    void midnight() {
        assertTrue(NativeValues.isMidnight("2025-01-09 00:00:00"));
        assertTrue(NativeValues.isMidnight("2025-01-09T00:00:00.000-08:00"));
        assertTrue(NativeValues.isMidnight("2025-01-09 00:00"));
        assertFalse(NativeValues.isMidnight("2025-01-09 00:00:01"));
        assertFalse(NativeValues.isMidnight("2025-01-09"));
        assertFalse(NativeValues.isMidnight("2025-01-09 12:00:00 PST"));
    }

    @Test
    void totalsRows() {
        assertTrue(NativeValues.isTotalsRow(List.of("Total", "--", "1234")));
        assertTrue(NativeValues.isTotalsRow(List.of("", "Total: Campaigns", " --")));
        assertTrue(NativeValues.isTotalsRow(List.of("Total: Account", "")));
        assertTrue(NativeValues.isTotalsRow(List.of("TOTAL", "")));
        assertTrue(NativeValues.isTotalsRow(List.of("Total (3 results)", "")));
        assertTrue(NativeValues.isTotalsRow(List.of("Totaux", "")));
        assertFalse(NativeValues.isTotalsRow(List.of("Total Respect", "12")));
        assertFalse(NativeValues.isTotalsRow(List.of("2025-01-08", "Total")));
        assertFalse(NativeValues.isTotalsRow(List.of("", "")));
    }

    @Test
    void headersNormaliseAndCarryTheirCurrency() {
        assertEquals("montant depense (eur)", NativeValues.normaliseHeader("\uFEFF Montant  dépensé (EUR) "));
        assertEquals("nom de l'ensemble de publicites", NativeValues.normaliseHeader("Nom de l’ensemble de publicités"));
        assertEquals("EUR", NativeValues.currencySuffix("amount spent (eur)"));
        assertEquals("amount spent", NativeValues.withoutCurrency("amount spent (eur)"));
        assertNull(NativeValues.currencySuffix("clicks (destination)"));
        NativeColumn spend = NativeColumn.money("Amount spent", "fr:Montant dépensé");
        assertEquals(0, spend.match(NativeValues.normaliseHeader("Amount spent (EUR)")));
        assertEquals(1, spend.match(NativeValues.normaliseHeader("Montant dépensé (USD)")));
        assertEquals(0, spend.match(NativeValues.normaliseHeader("Amount spent")));
        assertEquals("Amount spent / Montant dépensé", spend.display());
        NativeColumn clicks = NativeColumn.of("Clicks");
        assertEquals(-1, clicks.match(NativeValues.normaliseHeader("Clicks (all)")));
        assertEquals(-1, NativeColumn.money("CPM").match(NativeValues.normaliseHeader("CPM (cost per 1,000 impressions) (EUR)")));
    }

    @Test
    void slugs() {
        assertEquals("video-1-ete", NativeValues.slug("Vidéo #1 – Été"));
        assertEquals("coeur-de-l-alternance", NativeValues.slug("Cœur de l’alternance"));
        assertEquals("cmp-2024-09-tiktok-01", NativeValues.slug("cmp-2024-09-tiktok-01"));
        assertEquals(NativeValues.slug("🔥🔥"), NativeValues.slug("🔥🔥"));
        assertTrue(NativeValues.slug("🔥🔥").matches("id-[0-9a-f]{12}"));
        assertEquals(80, NativeValues.slug("a".repeat(200)).length());
    }

    @Test
    void scientificIds() {
        assertTrue(NativeValues.isScientificId("2.38512E+16"));
        assertTrue(NativeValues.isScientificId("2,38512E+16"));
        assertFalse(NativeValues.isScientificId("23851234567890123"));
        assertFalse(NativeValues.isScientificId("ad-E+1"));
    }

    @Test
    void decimalVotes() {
        assertEquals(1, NativeValues.decimalVote("1 234,56"));
        assertEquals(-1, NativeValues.decimalVote("1,234.56"));
        assertEquals(0, NativeValues.decimalVote("25,881"));
        assertEquals(0, NativeValues.decimalVote("1234"));
        assertEquals(-1, NativeValues.decimalVote("0.5"));
        assertEquals(0, NativeValues.decimalVote("Promo 2.0"));
    }
}
