package org.maraude.jobs.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.maraude.jobs.contract.DatasetSpec;

/**
 * The staged form of a parsed file: the dataset's staged schema (all nullable) plus the record
 * kind and, for rejects, warnings and file summaries, what happened. One Parquet folder per file
 * version ({@code file_id=...}) under {@code staging/<dataset>/}, so an unchanged file is never
 * parsed again.
 */
public final class StagedRecords {
    private StagedRecords() {}

    public static final String FILE_ID = "file_id";
    public static final String KIND = "_kind";
    public static final String COLUMN = "_column";
    public static final String REASON = "_reason";
    public static final String MESSAGE = "_message";
    public static final String ROWS_READ = "_rows_read";
    public static final String SHA256 = "_sha256";

    /** Staged schema of the dataset (nullable), then the record columns; file_id last. */
    public static StructType schema(DatasetSpec spec) {
        List<StructField> fields = new ArrayList<>();
        for (StructField f : spec.stagedSchema().fields()) {
            fields.add(DataTypes.createStructField(f.name(), f.dataType(), true));
        }
        fields.add(DataTypes.createStructField(KIND, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(COLUMN, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(MESSAGE, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(ROWS_READ, DataTypes.LongType, true));
        fields.add(DataTypes.createStructField(SHA256, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(FILE_ID, DataTypes.StringType, false));
        return DataTypes.createStructType(fields);
    }
}
