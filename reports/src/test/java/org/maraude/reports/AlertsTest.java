package org.maraude.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AlertsTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    static Path tmp;
    static Path db;

    @BeforeAll
    static void warehouse() {
        db = Fixture.create(tmp);
    }

    private static MailSettings settings(Map<String, String> extra) {
        return MailTestSupport.settings(smtp.getSmtp().getBindTo(), smtp.getSmtp().getPort(), "none", null, null, extra);
    }

    @Test
    void tooManyRejectsNamesFilesRowsReasonsAndTheLogButNoValue() throws Exception {
        Alerts.RunDigest d = Alerts.RunDigest.read(db, Fixture.RUN);
        assertEquals(5, d.files());
        assertEquals(680, d.rowsRead());
        assertEquals(4, d.rowsRejected());
        Path log = Path.of("/srv/maraude/out/logs/" + Fixture.RUN + ".jsonl");
        assertTrue(Alerts.tooManyRejects(settings(Map.of()), d, 0.005, log, Path.of("/srv/maraude/out/releases/x.partial")));
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(1, got.length);
        assertEquals("data@example.org", got[0].getAllRecipients()[0].toString());
        assertTrue(got[0].getSubject().contains("Trop de rejets") && got[0].getSubject().contains(Fixture.RUN));
        String text = (String) got[0].getContent();
        assertTrue(text.contains("0,59\u00a0% des lignes lues"), text);
        assertTrue(text.contains("seuil : 0,50\u00a0%"), text);
        assertTrue(text.contains("Fichiers : 5 (dont 1 refusés) ; lignes lues : 680, rejetées : 4"), text);
        assertTrue(text.contains("p-beta/notes/n.csv (notes) : fichier refusé (unknown_dataset)"), text);
        assertTrue(text.contains("p-alpha/contacts/a.csv (contacts) : 3 ligne(s) rejetée(s) sur 500"), text);
        assertTrue(text.contains("bad_enum — contacts.event : 2 ligne(s)"), text);
        assertTrue(text.contains(log.toString()), text);
        assertFalse(text.contains("SECRET-VALUE-42"), "the rejects table's message is never read");
        assertFalse(text.contains("e-mail address"));
    }

    @Test
    void runFailedSaysWhatAndWhereWithoutValuesFromTheData() throws Exception {
        Exception error = new IllegalStateException("cannot parse 'jean.dupont@example.org' at line 3, phone 06 12 34 56 78 "
                + "or jean@example.org", new java.io.IOException("disk"));
        Path log = Path.of("/srv/maraude/out/logs/r1.jsonl");
        assertTrue(Alerts.runFailed(settings(Map.of("lang", "en")), "r1", "journeys", error, log,
                Alerts.RunDigest.of("r1", 10, 2, 29, 2)));
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertEquals("[maraude] Nightly run FAILED r1", m.getSubject());
        String text = (String) m.getContent();
        assertTrue(text.contains("failed in stage 'journeys'"), text);
        assertTrue(text.contains("IllegalStateException: cannot parse '…' at line 3"), text);
        assertTrue(text.contains("← IOException"), text);
        assertTrue(text.contains("Log: " + log), text);
        assertTrue(text.contains("Files: 10 (2 refused); rows read: 29, rejected: 2"), text);
        assertFalse(text.contains("dupont") || text.contains("jean@") || text.contains("56 78"), text);
    }

    @Test
    void withoutStaffAddressNothingIsSent() {
        assertFalse(Alerts.runFailed(settings(Map.of("mail.staff.to", "")), "r2", null, new RuntimeException("x"),
                Path.of("log"), null));
        assertEquals(0, smtp.getReceivedMessages().length);
    }
}
