package org.maraude.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.maraude.jobs.contract.Column;
import org.maraude.jobs.contract.ColumnType;

/** The quick readers of timestamps and dates agree with java.time's formatters on every string they accept. */
class CellsTest {
    private static Instant formatter(String v) {
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void plainInstantReadsWhatTheFormatterReads() {
        List<String> shapes = List.of("2026-03-29T01:30:00+01:00", "2026-03-29T01:30:00Z", "2024-02-29T23:59:59-09:30",
                "2026-12-31T00:00:00.5Z", "2026-01-01T10:00:00.123456789+14:00", "1900-01-01T10:00:00Z");
        for (String v : shapes) {
            assertEquals(formatter(v), Cells.plainInstant(v), v);
        }
        // Shapes it leaves to the formatter (which accepts some and refuses others): never a different answer.
        for (String v : List.of("2026-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-03-29T24:00:00Z",
                "2026-03-29T01:30+01:00", "2026-03-29t01:30:00z", "2026-03-29T01:30:00+0100", "2026-03-29T01:30:00",
                "2026-03-29T01:30:00.Z", "2026-03-29T01:30:00.1234567890Z", "2026-03-29T01:30:00+19:00",
                "2026-03-29 01:30:00Z", "２０２６-03-29T01:30:00Z", "2026-3-29T01:30:00Z")) {
            assertNull(Cells.plainInstant(v), v);
        }
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String v = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", 1990 + r.nextInt(60), r.nextInt(14),
                    r.nextInt(33), r.nextInt(25), r.nextInt(61), r.nextInt(61),
                    r.nextBoolean() ? "" : "." + "123456789".substring(0, 1 + r.nextInt(9)),
                    r.nextBoolean() ? "Z" : String.format("%s%02d:%02d", r.nextBoolean() ? "+" : "-", r.nextInt(20),
                            r.nextInt(61)));
            Instant quick = Cells.plainInstant(v);
            if (quick != null) {
                assertEquals(formatter(v), quick, v);
            }
        }
    }

    @Test
    void datesAndTheirLimitsAreReadAsBefore() throws Exception {
        Column date = Column.req("date", ColumnType.DATE);
        Column ts = Column.req("ts", ColumnType.TIMESTAMP);
        IngestLimits limits = IngestLimits.defaults();
        assertEquals(LocalDate.of(2026, 2, 28), Cells.parse(date, "2026-02-28", limits).value());
        assertEquals(LocalDate.of(2024, 2, 29), Cells.parse(date, "2024-02-29", limits).value());
        assertEquals(RejectReason.BAD_DATE, problem(date, "2026-02-29", limits));
        assertEquals(RejectReason.BAD_DATE, problem(date, "2026-13-01", limits));
        // The limits are Paris dates: 31 Dec 22:59 UTC is still 31 Dec in Paris, 23:00 UTC is 1 Jan.
        IngestLimits upTo2025 = new IngestLimits(limits.maxCellChars(), limits.maxColumns(), LocalDate.of(2020, 1, 1),
                LocalDate.of(2025, 12, 31), limits.maxGzipRatio(), limits.metaDefaultPlatform());
        assertEquals(Instant.parse("2025-12-31T22:59:59Z"), Cells.parse(ts, "2025-12-31T22:59:59Z", upTo2025).value());
        assertEquals(RejectReason.DATE_OUT_OF_RANGE, problem(ts, "2025-12-31T23:00:00Z", upTo2025));
        assertEquals(Instant.parse("2019-12-31T23:00:00Z"), Cells.parse(ts, "2020-01-01T00:00:00+01:00", upTo2025).value());
        assertEquals(RejectReason.DATE_OUT_OF_RANGE, problem(ts, "2019-12-31T22:59:59Z", upTo2025));
        assertEquals(RejectReason.BAD_TIMESTAMP, problem(ts, "2026-02-30T10:00:00Z", limits));
    }

    private static RejectReason problem(Column c, String v, IngestLimits limits) {
        try {
            Cells.parse(c, v, limits);
            return null;
        } catch (Cells.Problem p) {
            return p.reason;
        }
    }
}
