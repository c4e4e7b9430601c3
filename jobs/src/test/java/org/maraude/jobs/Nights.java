package org.maraude.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Inbox files written night after night, and results compared as sorted rows (the kept-between-nights tests). */
public final class Nights {
    private Nights() {}

    /** A pseudonym: the character 64 times. */
    public static String key(char c) {
        return String.valueOf(c).repeat(64);
    }

    /** Writes an inbox file modified at {@code modified} (epoch ms): a night's files are newer than the last's. */
    public static void write(Path p, String text, long modified) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.fromMillis(modified));
    }

    /** The rows as sorted strings. */
    public static List<String> rows(Dataset<Row> d) {
        return d.collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
