package org.maraude.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet input file as canonical text cells (dates YYYY-MM-DD, instants ISO-8601 with
 * Z, plain decimals), so Parquet drops go through exactly the same validation as CSV. A
 * timestamp without a time zone (not adjusted to UTC) is given without an offset, which the
 * contract refuses (BAD_TIMESTAMP) rather than guessing. Record numbers start at 2, as if line 1
 * were a header, so lines read the same way as in CSV files.
 */
final class ParquetRecords implements RecordSource {
    private static final long JULIAN_EPOCH_DAY = 2440588L;

    private final ParquetReader<Group> reader;
    private List<String> header;
    private long line = 1;
    private Group first;

    private ParquetRecords(ParquetReader<Group> reader) {
        this.reader = reader;
    }

    static ParquetRecords open(Configuration conf, Path path) {
        try {
            ParquetRecords r = new ParquetRecords(ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build());
            r.first = r.reader.read();
            return r;
        } catch (IOException | RuntimeException e) {
            throw new FileRejectedException(RejectReason.NOT_CSV, "not a readable Parquet file ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public List<String> header() {
        if (header == null && first != null) {
            header = new ArrayList<>();
            for (Type t : first.getType().getFields()) {
                header.add(t.getName());
            }
        }
        return header;
    }

    @Override
    public CsvRecords.Record next() {
        try {
            Group g = first != null ? first : reader.read();
            first = null;
            if (g == null) {
                reader.close();
                return null;
            }
            line++;
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < g.getType().getFieldCount(); i++) {
                cells.add(g.getFieldRepetitionCount(i) == 0 ? "" : cell(g, i));
            }
            return new CsvRecords.Record(line, cells, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(Group g, int i) {
        Type t = g.getType().getType(i);
        if (!t.isPrimitive()) {
            return g.getValueToString(i, 0);
        }
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        switch (p.getPrimitiveTypeName()) {
            case INT96: {
                ByteBuffer b = g.getInt96(i, 0).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                long nanosOfDay = b.getLong();
                long julianDay = b.getInt();
                return Instant.EPOCH.plusSeconds((julianDay - JULIAN_EPOCH_DAY) * 86400L).plusNanos(nanosOfDay).toString();
            }
            case INT32:
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return LocalDate.ofEpochDay(g.getInteger(i, 0)).toString();
                }
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return BigDecimal.valueOf(g.getInteger(i, 0), d.getScale()).toPlainString();
                }
                return Integer.toString(g.getInteger(i, 0));
            case INT64:
                if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    long v = g.getLong(i, 0);
                    Instant instant = switch (ts.getUnit()) {
                        case MILLIS -> Instant.ofEpochMilli(v);
                        case MICROS -> Instant.EPOCH.plusSeconds(Math.floorDiv(v, 1_000_000L))
                                .plusNanos(Math.floorMod(v, 1_000_000L) * 1000L);
                        case NANOS -> Instant.EPOCH.plusSeconds(Math.floorDiv(v, 1_000_000_000L))
                                .plusNanos(Math.floorMod(v, 1_000_000_000L));
                    };
                    return ts.isAdjustedToUTC() ? instant.toString()
                            : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
                }
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return BigDecimal.valueOf(g.getLong(i, 0), d.getScale()).toPlainString();
                }
                return Long.toString(g.getLong(i, 0));
            case FLOAT:
                return plain(g.getFloat(i, 0));
            case DOUBLE:
                return plain(g.getDouble(i, 0));
            case BOOLEAN:
                return Boolean.toString(g.getBoolean(i, 0));
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY: {
                Binary bin = g.getBinary(i, 0);
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return new BigDecimal(new BigInteger(bin.getBytes()), d.getScale()).toPlainString();
                }
                return bin.toStringUsingUTF8();
            }
            default:
                return g.getValueToString(i, 0);
        }
    }

    private static String plain(double d) {
        return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : "NaN";
    }
}
