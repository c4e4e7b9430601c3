package org.maraude.jobs.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;

/**
 * Where files live: a local folder, or a folder of any Hadoop file system ({@code hdfs:}, {@code s3a:} when its
 * connector is on the classpath, …). The driver's file operations (inbox listing, staging, releases, the run
 * lock and log) go through this type, so the inbox and output folder may be given as either; Spark reads and
 * writes {@link #uri()}.
 *
 * <p>A plain path or a {@code file:} URI is local and handled with {@code java.nio} (symbolic links, files opened
 * in place, as before); anything else goes through {@link FileSystem}. Renames are atomic on a local disk and on
 * HDFS; on object stores (S3) a rename is a copy, see docs/deploy.md.
 */
public final class Location {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

    private final Path local;
    private final FileSystem fs;
    private final org.apache.hadoop.fs.Path path;

    private Location(Path local, FileSystem fs, org.apache.hadoop.fs.Path path) {
        this.local = local;
        this.fs = fs;
        this.path = path;
    }

    /** A local path ({@code out}, {@code /srv/out}, {@code file:///srv/out}) or a Hadoop URI ({@code hdfs://nn/out}). */
    public static Location of(String pathOrUri, Configuration hadoop) {
        if (!SCHEME.matcher(pathOrUri).matches()) {
            return local(Path.of(pathOrUri));
        }
        URI uri = URI.create(pathOrUri);
        if ("file".equals(uri.getScheme())) {
            return local(Path.of(uri));
        }
        try {
            FileSystem fs = FileSystem.get(uri, hadoop);
            return new Location(null, fs, fs.makeQualified(new org.apache.hadoop.fs.Path(uri)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot reach " + pathOrUri + ": " + e.getMessage(), e);
        }
    }

    public static Location local(Path p) {
        return new Location(p, null, null);
    }

    /** The local path, when this is local. */
    public Optional<Path> localPath() {
        return Optional.ofNullable(local);
    }

    public Location resolve(String name) {
        return local != null ? local(local.resolve(name)) : new Location(null, fs, new org.apache.hadoop.fs.Path(path, name));
    }

    public String name() {
        return local != null ? local.getFileName().toString() : path.getName();
    }

    /** What Spark reads and writes. */
    public String uri() {
        return local != null ? local.toUri().toString() : path.toString();
    }

    @Override
    public String toString() {
        return local != null ? local.toString() : path.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Location l && uri().equals(l.uri());
    }

    @Override
    public int hashCode() {
        return uri().hashCode();
    }

    public boolean exists() throws IOException {
        return local != null ? Files.exists(local) : fs.exists(path);
    }

    public boolean isDirectory() throws IOException {
        if (local != null) {
            return Files.isDirectory(local);
        }
        try {
            return fs.getFileStatus(path).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** The entries of this folder, by name; none when it does not exist. */
    public List<Location> list() throws IOException {
        List<Location> all = new ArrayList<>();
        if (local != null) {
            if (Files.isDirectory(local)) {
                try (Stream<Path> s = Files.list(local)) {
                    s.forEach(p -> all.add(local(p)));
                }
            }
        } else if (isDirectory()) {
            for (FileStatus s : fs.listStatus(path)) {
                all.add(new Location(null, fs, s.getPath()));
            }
        }
        all.sort(Comparator.comparing(Location::name));
        return all;
    }

    /** One file found by {@link #files()}: its path below this folder ({@code /}-separated), size and time. */
    public record FileEntry(String relPath, String uri, long size, long modifiedMillis) {}

    /**
     * Every regular file below this Hadoop folder, skipping folders whose name starts with a dot. (A local
     * inbox is walked by the inbox scanner itself, which handles symbolic links.)
     */
    public List<FileEntry> files() throws IOException {
        if (local != null) {
            throw new IllegalStateException("a local folder is walked with java.nio: " + local);
        }
        List<FileEntry> out = new ArrayList<>();
        walk(path, "", out);
        return out;
    }

    private void walk(org.apache.hadoop.fs.Path dir, String prefix, List<FileEntry> out) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (s.isDirectory()) {
                if (!name.startsWith(".")) {
                    walk(s.getPath(), prefix + name + "/", out);
                }
            } else if (s.isFile()) {
                out.add(new FileEntry(prefix + name, s.getPath().toUri().toString(), s.getLen(), s.getModificationTime()));
            }
        }
    }

    public void mkdirs() throws IOException {
        if (local != null) {
            Files.createDirectories(local);
        } else if (!fs.mkdirs(path)) {
            throw new IOException("cannot create " + path);
        }
    }

    /** Deletes this file or folder and everything below it (a symbolic link itself, never its target). */
    public void deleteTree() throws IOException {
        if (local == null) {
            fs.delete(path, true);
            return;
        }
        if (!Files.exists(local, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(local)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    /** Renames this file or folder to {@code target}, which must not exist: one atomic rename locally and on HDFS. */
    public void moveTo(Location target) throws IOException {
        if (local != null) {
            Files.move(local, target.local, StandardCopyOption.ATOMIC_MOVE);
        } else if (!fs.rename(path, target.path)) {
            throw new IOException("cannot rename " + path + " to " + target.path);
        }
    }

    /**
     * Renames this file over {@code target}, replacing it: readers see the old file or the new one, never none
     * (POSIX rename; on HDFS {@link FileContext}'s rename with {@code OVERWRITE}, one namenode operation).
     */
    public void replace(Location target) throws IOException {
        if (local != null) {
            Files.move(local, target.local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            FileContext.getFileContext(path.toUri(), fs.getConf()).rename(path, target.path, Options.Rename.OVERWRITE);
        }
    }

    /**
     * A new folder under this one, not created, named by the time: the folders of kept state written one after
     * another (see {@link #keepOnly}) sort by their age.
     */
    public Location newTimedFolder() {
        return resolve(String.format("%016x-%08x", System.currentTimeMillis(), System.nanoTime() & 0xffffffffL));
    }

    /**
     * Marks kept state complete and drops the older state: writes {@code marker} (a file in a folder under this
     * one, create-exclusive, written last so that a folder without it is known incomplete), then removes every
     * folder under this one but {@code keep}.
     */
    public void keepOnly(Location marker, String text, java.util.Collection<Location> keep) throws IOException {
        if (!marker.createNew(text)) {
            throw new IOException(marker + " already exists");
        }
        for (Location other : list()) {
            if (!keep.contains(other)) {
                other.deleteTree();
            }
        }
    }

    /**
     * Creates this file with {@code text} if it does not exist yet; false when it does (create-exclusive). A file
     * created but not written (a full disk) is removed again: an empty lock would outlive the failure.
     */
    public boolean createNew(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (local != null) {
            java.nio.channels.SeekableByteChannel ch;
            try {
                ch = Files.newByteChannel(local, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            try (ch) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                Files.deleteIfExists(local);
                throw e;
            }
            return true;
        }
        FSDataOutputStream o;
        try {
            o = fs.create(path, false);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
        try (o) {
            o.write(bytes);
        } catch (IOException e) {
            fs.delete(path, false);
            throw e;
        }
        return true;
    }

    public String readString() throws IOException {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public InputStream open() throws IOException {
        return local != null ? Files.newInputStream(local) : fs.open(path);
    }

    /**
     * A writer that appends to this file, creating it. Each {@code flush} makes what was written visible to
     * readers (on HDFS: {@code hflush}); an object store shows the file only once it is closed.
     */
    public Writer appender() throws IOException {
        if (local != null) {
            return Files.newBufferedWriter(local, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        FSDataOutputStream o = fs.exists(path) ? fs.append(path) : fs.create(path, false);
        OutputStream visible = new java.io.FilterOutputStream(o) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                o.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                o.hflush();
            }
        };
        return new java.io.BufferedWriter(new java.io.OutputStreamWriter(visible, StandardCharsets.UTF_8));
    }

    /** Copies this file or folder to {@code target} (which must not exist; its parents are made), on the same kind of file system. */
    public void copyTo(Location target) throws IOException {
        if (local != null && target.local != null) {
            Files.createDirectories(target.local.toAbsolutePath().getParent());
            try (Stream<Path> s = Files.walk(local)) {
                for (Path x : s.toList()) {
                    Files.copy(x, target.local.resolve(local.relativize(x).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } else if (local != null || target.local != null) {
            throw new IllegalArgumentException("a copy between a local folder and a Hadoop one: " + this + ", " + target);
        } else if (!org.apache.hadoop.fs.FileUtil.copy(fs, path, target.fs, target.path, false, fs.getConf())) {
            throw new IOException("cannot copy " + path + " to " + target.path);
        }
    }

    /** Copies a local file or folder here (replacing what is here). */
    public void upload(Path from) throws IOException {
        if (local != null) {
            throw new IllegalStateException("not needed for a local folder: " + local);
        }
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(from.toAbsolutePath().toUri()), path);
    }

    /** Copies this file or folder to a local path, without Hadoop's checksum side files. */
    public void download(Path to) throws IOException {
        if (local != null) {
            throw new IllegalStateException("already local: " + local);
        }
        fs.copyToLocalFile(false, path, new org.apache.hadoop.fs.Path(to.toAbsolutePath().toUri()), true);
    }
}
