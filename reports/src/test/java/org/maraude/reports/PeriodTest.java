package org.maraude.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void parsesMonthsQuartersAndYears() {
        Period m = Period.parse("2026-10");
        assertEquals(Period.Kind.MONTH, m.kind());
        assertEquals(List.of("2026-10"), m.months());
        Period q = Period.parse("2026-Q3");
        assertEquals(List.of("2026-07", "2026-08", "2026-09"), q.months());
        assertEquals("2026-Q3", Period.parse("2026-q3").key());
        Period y = Period.parse(" 2026 ");
        assertEquals("2026-01", y.firstMonth());
        assertEquals("2026-12", y.lastMonth());
    }

    @Test
    void previousAndYearBefore() {
        assertEquals("2026-09", Period.parse("2026-10").previous().key());
        assertEquals("2025-12", Period.parse("2026-01").previous().key());
        assertEquals("2025-10", Period.parse("2026-10").yearBefore().key());
        assertEquals("2025-Q4", Period.parse("2026-Q1").previous().key());
        assertEquals("2025-Q3", Period.parse("2026-Q3").yearBefore().key());
        assertEquals("2025", Period.parse("2026").previous().key());
        assertEquals("2025", Period.parse("2026").yearBefore().key());
    }

    @Test
    void labels() {
        assertEquals("octobre 2026", Period.parse("2026-10").label("fr"));
        assertEquals("October 2026", Period.parse("2026-10").label("en"));
        assertEquals("1er trimestre 2026", Period.parse("2026-Q1").label("fr"));
        assertEquals("3e trimestre 2026", Period.parse("2026-Q3").label("fr"));
        assertEquals("Q3 2026", Period.parse("2026-Q3").label("en"));
        assertEquals("T3 2026", Period.parse("2026-Q3").shortLabel("fr"));
    }

    @Test
    void refusesWhatIsNotAPeriod() {
        for (String bad : new String[] {"2026-13", "2026-Q5", "26", "2026-1", "last month", "", null}) {
            assertThrows(IllegalArgumentException.class, () -> Period.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void trendIsThirteenMonthsFiveQuartersOrThreeYearsTrimmedToTheData() {
        assertEquals(13, ReportBuilder.trendPeriods(Period.parse("2026-10"), null).size());
        assertEquals(5, ReportBuilder.trendPeriods(Period.parse("2026-Q3"), "2020-01").size());
        assertEquals(List.of("2026-04", "2026-05", "2026-06"),
                ReportBuilder.trendPeriods(Period.parse("2026-06"), "2026-04").stream().map(Period::key).toList());
        assertEquals(List.of("2025", "2026"),
                ReportBuilder.trendPeriods(Period.parse("2026"), "2025-11").stream().map(Period::key).toList());
    }
}
