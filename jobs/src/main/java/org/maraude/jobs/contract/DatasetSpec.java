package org.maraude.jobs.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One dataset of the data contract (section 1): its columns, the natural key on which a newer
 * file replaces an older one (empty = every column: exact duplicates are counted once), and the
 * Spark schema of its staged rows.
 */
public record DatasetSpec(String name, List<Column> columns, List<String> naturalKey, boolean perProject) {

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Lineage columns carried by every staged row. */
    public static final String PROJECT_ID = "project_id";
    public static final String FILE = "_file";
    public static final String LINE = "_line";
    /** Europe/Paris calendar day of {@code ts}, for datasets that have one. */
    public static final String LOCAL_DATE = "local_date";

    public boolean hasTimestamp() {
        return columns.stream().anyMatch(c -> c.type() == ColumnType.TIMESTAMP);
    }

    /** Schema of a validated, staged row: project_id, contract columns, local_date, file, line. */
    public StructType stagedSchema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(PROJECT_ID, DataTypes.StringType, !perProject));
        for (Column c : columns) {
            fields.add(DataTypes.createStructField(c.name(), sparkType(c.type()), !c.required()));
        }
        if (hasTimestamp()) {
            fields.add(DataTypes.createStructField(LOCAL_DATE, DataTypes.DateType, false));
        }
        fields.add(DataTypes.createStructField(FILE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
        return DataTypes.createStructType(fields);
    }

    public static DataType sparkType(ColumnType type) {
        return switch (type) {
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case COUNT -> DataTypes.LongType;
            case AMOUNT -> DataTypes.createDecimalType(18, 4);
            case BOOLEAN -> DataTypes.BooleanType;
            default -> DataTypes.StringType;
        };
    }
}
