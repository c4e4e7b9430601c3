package org.maraude.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.spark.Location;

/**
 * Lists an inbox and classifies each file by where it lies:
 * {@code <project>/<dataset>/...}, {@code <project>/native/<tool>/...} or
 * {@code _registry/known_youth/...}. Files that cannot be placed become file-level rejects.
 * Symbolic links are never followed; dot-files (OS clutter) are skipped. Never modifies anything.
 * The inbox may be a local folder or any Hadoop file system's ({@link Location}).
 */
public final class InboxScanner {
    private InboxScanner() {}

    /** A file refused before it is opened. */
    public record ScanReject(String relPath, String project, String dataset, RejectReason reason, String message) {}

    public record Result(List<FileTask> tasks, List<ScanReject> rejects) {}

    public static Result scan(Path inbox) {
        return scan(Location.local(inbox));
    }

    /** Lists a local inbox with java.nio (symbolic links checked), any other through Hadoop. */
    public static Result scan(Location inbox) {
        try {
            if (!inbox.isDirectory()) {
                throw new IllegalArgumentException("inbox " + inbox + " is not a folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the inbox " + inbox + ": " + e.getMessage(), e);
        }
        List<FileTask> tasks = new ArrayList<>();
        List<ScanReject> rejects = new ArrayList<>();
        if (inbox.localPath().isPresent()) {
            walk(inbox.localPath().get().toAbsolutePath().normalize(), tasks, rejects);
        } else {
            try {
                for (Location.FileEntry f : inbox.files()) {
                    classify(f.relPath(), f.uri(), f.size(), f.modifiedMillis(), tasks, rejects);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the inbox " + inbox + ": " + e.getMessage(), e);
            }
        }
        tasks.sort(Comparator.comparing(FileTask::relPath));
        rejects.sort(Comparator.comparing(ScanReject::relPath));
        return new Result(List.copyOf(tasks), List.copyOf(rejects));
    }

    private static void walk(Path root, List<FileTask> tasks, List<ScanReject> rejects) {
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                            return !dir.equals(root) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            classify(root, file, attrs, tasks, rejects);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException exc) {
                            rejects.add(new ScanReject(rel(root, file), null, null, RejectReason.UNREADABLE,
                                    "could not be listed (" + exc.getClass().getSimpleName() + ")"));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void classify(Path root, Path file, BasicFileAttributes attrs, List<FileTask> tasks,
            List<ScanReject> rejects) {
        String rel = rel(root, file);
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
            return;
        }
        String[] parts = rel.split("/");
        String project = parts.length > 1 ? parts[0] : null;
        String folder = parts.length > 2 ? parts[1] : null;
        if (attrs.isSymbolicLink()) {
            try {
                Path target = file.toRealPath();
                if (!target.startsWith(root.toRealPath())) {
                    rejects.add(new ScanReject(rel, project, folder, RejectReason.SYMLINK_OUTSIDE,
                            "symbolic link to a place outside the inbox; not followed"));
                    return;
                }
                attrs = Files.readAttributes(target, BasicFileAttributes.class);
                if (!attrs.isRegularFile()) {
                    return;
                }
            } catch (IOException e) {
                rejects.add(new ScanReject(rel, project, folder, RejectReason.UNREADABLE, "broken symbolic link"));
                return;
            }
        } else if (!attrs.isRegularFile()) {
            return;
        }
        classify(rel, file.toUri().toString(), attrs.size(), attrs.lastModifiedTime().toMillis(), tasks, rejects);
    }

    /** Places one regular file of the inbox by its path relative to the inbox. */
    private static void classify(String rel, String uri, long size, long mtime, List<FileTask> tasks,
            List<ScanReject> rejects) {
        String[] parts = rel.split("/");
        String name = parts[parts.length - 1];
        if (name.startsWith(".")) {
            return;
        }
        String project = parts.length > 1 ? parts[0] : null;
        String folder = parts.length > 2 ? parts[1] : null;
        if (parts.length < 3) {
            rejects.add(new ScanReject(rel, project, null, RejectReason.UNKNOWN_DATASET,
                    "files go in <project>/<dataset>/ or _registry/known_youth/"));
            return;
        }
        String tool = null;
        String dataset = folder;
        if (project.equals(Contract.REGISTRY_FOLDER)) {
            project = null;
            if (!"known_youth".equals(folder)) {
                rejects.add(new ScanReject(rel, null, folder, RejectReason.UNKNOWN_DATASET,
                        "_registry holds only known_youth/"));
                return;
            }
        } else {
            if (!Contract.PROJECT_SLUG.matcher(project).matches()) {
                rejects.add(new ScanReject(rel, null, folder, RejectReason.BAD_PROJECT_ID,
                        "project folder must match [a-z0-9][a-z0-9-]{1,39}"));
                return;
            }
            if ("native".equals(folder)) {
                if (parts.length < 4) {
                    rejects.add(new ScanReject(rel, project, folder, RejectReason.UNKNOWN_DATASET,
                            "native exports go in <project>/native/<tool>/"));
                    return;
                }
                tool = parts[2];
                dataset = null;
            } else if (Contract.dataset(folder).isEmpty() || "known_youth".equals(folder)) {
                rejects.add(new ScanReject(rel, project, folder, RejectReason.UNKNOWN_DATASET,
                        "folder is not a dataset of the data contract"));
                return;
            }
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean ok = lower.endsWith(".csv") || lower.endsWith(".csv.gz") || lower.endsWith(".parquet")
                || (tool != null && (lower.endsWith(".txt") || lower.endsWith(".tsv")));
        if (!ok) {
            rejects.add(new ScanReject(rel, project, dataset, RejectReason.UNSUPPORTED_FORMAT,
                    "only .csv, .csv.gz and .parquet files are read"));
            return;
        }
        tasks.add(new FileTask(uri, rel, project, dataset, tool, fileId(rel, size, mtime), size,
                mtime));
    }

    private static String rel(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Identity of one version of a file: a changed file gets a new id and is parsed again. */
    static String fileId(String rel, long size, long mtime) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((rel + "\u0000" + size + "\u0000" + mtime).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
