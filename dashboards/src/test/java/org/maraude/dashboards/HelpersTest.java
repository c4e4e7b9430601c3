package org.maraude.dashboards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.dashboards.SmallCells.Mask;

/** Format, Csv, Stats, the stage-table masks and the options. */
class HelpersTest {
    @Test
    void frenchNumbersByDefaultBritishInEnglish() {
        Format fr = Format.of(true);
        assertEquals("1\u202f234", fr.count(1234));
        assertEquals("1\u202f234,5", fr.number(1234.5, 1));
        assertEquals("12,3\u00a0%", fr.percent(0.1234));
        assertEquals("0,14\u00a0%", fr.percent(0.00136));
        assertEquals("2\u202f700\u00a0€", fr.euros(2700.4));
        assertEquals("22,50\u00a0€", fr.euros(22.504));
        assertEquals("mars 2026", fr.month("2026-03"));
        assertEquals("14,5\u00a0min", fr.minutes(14.5));
        Format en = Format.of(false);
        assertEquals("1,234.5", en.number(1234.5, 1));
        assertEquals("12.3%", en.percent(0.1234));
        assertEquals("€2,700", en.euros(2700.4));
        assertEquals("Mar 2026", en.month("2026-03"));
    }

    @Test
    void csvHasABomQuotesAndNeutralisesFormulas(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.csv");
        Csv.write(f, List.of("a", "b"), List.of(List.of("=SUM(A1)", "+33 6"), List.of("-1", "@x"), List.of("a,b", "say \"hi\"")));
        byte[] bytes = Files.readAllBytes(f);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
        assertEquals("\uFEFFa,b\r\n'=SUM(A1),'+33 6\r\n'-1,'@x\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n",
                Files.readString(f, StandardCharsets.UTF_8));
    }

    @Test
    void wilsonIntervals() {
        Stats.Interval half = Stats.wilson(5, 10);
        assertEquals(0.2366, half.low(), 1e-4);
        assertEquals(0.7634, half.high(), 1e-4);
        Stats.Interval none = Stats.wilson(0, 10);
        assertEquals(0.0, none.low(), 1e-9);
        assertEquals(0.2775, none.high(), 1e-4);
        Stats.Interval big = Stats.wilson(65, 100);
        assertEquals(0.5526, big.low(), 1e-4);
        assertEquals(0.7364, big.high(), 1e-4);
        assertNull(Stats.wilson(0, 0));
    }

    @Test
    void stageTableProtectsEachStageColumnAndTheImplicitKnownCount() {
        // projects alpha, beta, gamma × stages contacted, confirmed; the programme total of each stage is published
        long[][] totals = {{120, 23}, {5, 0}, {30, 6}};
        long[][] unknown = {{77, 15}, {3, 0}, {18, 3}};
        SmallCells.StageMasks m = SmallCells.stageTable(totals, unknown, 11);
        assertArrayEquals(new Mask[] {Mask.SHOWN, Mask.COMPLEMENT}, m.totals()[0]);
        assertArrayEquals(new Mask[] {Mask.SMALL, Mask.SHOWN}, m.totals()[1]);
        assertArrayEquals(new Mask[] {Mask.COMPLEMENT, Mask.SMALL}, m.totals()[2]);
        // alpha's confirmed unknown 15 sits beside a hidden total (and 23 − 15 = 8 already known): hidden
        assertArrayEquals(new Mask[] {Mask.SHOWN, Mask.COMPLEMENT}, m.unknown()[0]);
        assertArrayEquals(new Mask[] {Mask.SMALL, Mask.SHOWN}, m.unknown()[1]);
        assertArrayEquals(new Mask[] {Mask.COMPLEMENT, Mask.SMALL}, m.unknown()[2]);
        // one row: a count of 50 with 45 unknown would reveal 5 already known, so the unknown count is hidden
        SmallCells.StageMasks one = SmallCells.stageTable(new long[][] {{50}}, new long[][] {{45}}, 11);
        assertEquals(Mask.SHOWN, one.totals()[0][0]);
        assertEquals(Mask.COMPLEMENT, one.unknown()[0][0]);
    }

    @Test
    void optionsKeepTheTwoArgumentFormAndCheckValues() {
        assertEquals(new Dashboards.Options("fr", 11, 30, true), new Dashboards.Options(null, 11));
        assertEquals(new Dashboards.Options("fr", 11, 30, false), Dashboards.Options.defaults().shareableOnly());
        assertEquals("en", new Dashboards.Options("EN", 5).lang());
        assertEquals(Dashboards.Options.defaults(), new Dashboards.Options("fr", 11));
        assertThrows(IllegalArgumentException.class, () -> new Dashboards.Options("de", 11));
        assertThrows(IllegalArgumentException.class, () -> new Dashboards.Options("fr", 0));
    }

    @Test
    void departementNamesFromInsee() {
        assertEquals("93 Seine-Saint-Denis", Departements.label("93", true));
        assertEquals("2A Corse-du-Sud", Departements.label("2A", true));
        assertEquals("976 Mayotte", Departements.label("976", true));
        assertEquals("99", Departements.label("99", true));
    }
}
