package org.maraude.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maraude.jobs.spark.Location;

/** Which failures of {@code maraude run} are the output folder's, and the line that says so (OutputFaultsTest runs them). */
class RunCommandTest {
    static final Location OUT = Location.local(Path.of("/srv/maraude/out"));
    static final Optional<String> GOOD = Optional.of("20261001T023000Z-ab");

    static String fault(Throwable e) {
        return RunCommand.outputFault(e, OUT, GOOD, GOOD);
    }

    @Test
    void aFullDiskIsFoundUnderSparksWrappers() {
        // as Spark 4 reports it: an ExecutionException "Boxed Exception" around Hadoop's FSError around the IOException
        Throwable e = new RuntimeException("run r failed in journeys: Boxed Exception", new Exception("Boxed Exception",
                new Error("java.io.IOException: No space left on device", new IOException("No space left on device"))));
        assertEquals("maraude: the output folder /srv/maraude/out is full (No space left on device): free space or "
                + "choose another --out; the last good warehouse is unchanged (release 20261001T023000Z-ab)", fault(e));
    }

    @Test
    void aReadOnlyOrUnwritableOutputFolder() {
        Throwable ro = new UncheckedIOException("cannot write in /srv/maraude/out: /srv/maraude/out/run.lock: Read-only "
                + "file system", new FileSystemException("/srv/maraude/out/run.lock", null, "Read-only file system"));
        assertEquals("maraude: the output folder /srv/maraude/out is read-only (Read-only file system): make it writable "
                + "or choose another --out; the last good warehouse is unchanged (release 20261001T023000Z-ab)", fault(ro));
        Throwable denied = new UncheckedIOException("cannot write in /srv/maraude/out: /srv/maraude/out/run.lock",
                new AccessDeniedException("/srv/maraude/out/run.lock"));
        assertEquals("maraude: the output folder /srv/maraude/out is not writable (Permission denied): let the run write "
                + "there or choose another --out; the last good warehouse is unchanged (release 20261001T023000Z-ab)",
                fault(denied));
        assertEquals("maraude: the output folder /srv/maraude/out is read-only (Read-only file system): make it writable "
                + "or choose another --out; nothing was published", RunCommand.outputFault(ro, OUT, Optional.empty(),
                Optional.empty()));
    }

    @Test
    void otherFoldersAndOtherFailuresAreNotTheOutputs() {
        assertNull(fault(new RuntimeException("run r failed in ingest", new AccessDeniedException("/srv/inbox/p/a.csv"))));
        assertNull(fault(new RuntimeException("x", new FileSystemException("/tmp/spark-1/blockmgr", null,
                "No space left on device"))));
        assertNull(fault(new RuntimeException("run r failed in journeys: [DIVIDE_BY_ZERO]")));
    }
}
