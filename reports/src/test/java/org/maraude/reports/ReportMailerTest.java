package org.maraude.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReportMailerTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("maraude", "s3cret"));

    @TempDir
    static Path tmp;
    static Path db;

    @BeforeAll
    static void warehouse() {
        db = Fixture.create(tmp);
    }

    private static MailSettings settings(String password) {
        return MailTestSupport.settings(smtp.getSmtp().getBindTo(), smtp.getSmtp().getPort(), "none", "maraude", password,
                Map.of());
    }

    private static ReportFiles report(String dir) {
        return ReportJob.write(db, ReportRequest.funder(Period.parse("2026-Q3"), null, tmp.resolve(dir), "fr"));
    }

    @Test
    void sendsTheReportOnceWithItsAttachmentsAndHeadline() throws Exception {
        ReportFiles files = report("send");
        Path log = tmp.resolve("send-log/mail-log.duckdb");
        ReportMailer.SendResult r = ReportMailer.send(files, settings("s3cret"), log, false);
        assertEquals(ReportMailer.Status.SENT, r.status());
        assertTrue(smtp.waitForIncomingEmail(5000, 2));
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(2, got.length, "one copy per recipient");
        MimeMessage m = got[0];
        assertEquals("[maraude] Rapport maraudes numériques — 3e trimestre 2026 — tous les projets", m.getSubject());
        assertEquals(Set.of("funder@example.org", "copy@example.org"), Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                .map(Address::toString).collect(Collectors.toSet()));
        assertEquals("maraude@example.org", m.getFrom()[0].toString());
        assertEquals(r.messageId(), m.getMessageID());
        Multipart mp = (Multipart) m.getContent();
        assertEquals(3, mp.getCount());
        String body = (String) mp.getBodyPart(0).getContent();
        assertTrue(body.contains("Jeunes entrés en contact\u00a0: 77"), body);
        assertTrue(body.contains("Orientation confirmée\u00a0: < 11"), "headline figures are masked: " + body);
        assertTrue(body.contains(Fixture.RUN));
        BodyPart pdf = mp.getBodyPart(1);
        assertEquals("maraude-report-2026-Q3-all-fr.pdf", pdf.getFileName());
        assertTrue(pdf.getContentType().startsWith("application/pdf"));
        try (InputStream in = pdf.getInputStream()) {
            PdfText t = new PdfText(in.readAllBytes());
            t.assertRow("Indicateurs clés", "Jeunes entrés en contact", "77", "40", "+92,5 %", "12", "+541,7 %");
        }
        BodyPart csv = mp.getBodyPart(2);
        assertEquals("maraude-report-2026-Q3-all-fr.csv", csv.getFileName());
        try (InputStream in = csv.getInputStream()) {
            byte[] b = in.readAllBytes();
            assertEquals(Files.size(files.csv()), b.length);
            assertEquals(0xEF, b[0] & 0xFF);
        }

        ReportMailer.SendResult again = ReportMailer.send(files, settings("s3cret"), log, false);
        assertEquals(ReportMailer.Status.ALREADY_SENT, again.status());
        assertEquals(r.messageId(), again.messageId());
        assertEquals(2, smtp.getReceivedMessages().length, "no duplicate");

        assertEquals(ReportMailer.Status.SENT, ReportMailer.send(files, settings("s3cret"), log, true).status());
        assertTrue(smtp.waitForIncomingEmail(5000, 4));
        List<List<String>> rows = Fixture.query(log, "SELECT period, scope, status, forced, run_id FROM report_sends ORDER BY id");
        assertEquals(List.of(List.of("2026-Q3", "all", "sent", "false", Fixture.RUN),
                List.of("2026-Q3", "all", "sent", "true", Fixture.RUN)), rows);
    }

    @Test
    void aRefusedLoginIsReportedClearlyAndTheFilesStay() {
        ReportFiles files = report("refused");
        Path log = tmp.resolve("refused-log/mail-log.duckdb");
        MailException e = assertThrows(MailException.class, () -> ReportMailer.send(files, settings("wrong"), log, false));
        assertEquals(MailException.Kind.AUTHENTICATION, e.kind());
        assertTrue(e.getMessage().contains("refused the login of user 'maraude'"), e.getMessage());
        assertTrue(e.getMessage().contains(MailSettings.PASSWORD_ENV), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "the password is never printed");
        assertTrue(Files.exists(files.pdf()) && Files.exists(files.csv()));
        assertEquals(0, smtp.getReceivedMessages().length);
        assertEquals("failed", Fixture.query(log, "SELECT status FROM report_sends").get(0).get(0));
        // a failed send does not count as sent
        assertEquals(ReportMailer.Status.SENT, ReportMailer.send(files, settings("s3cret"), log, false).status());
    }

    @Test
    void starttlsIsRequiredWhenConfigured() {
        ReportFiles files = report("tls");
        MailSettings s = MailTestSupport.settings(smtp.getSmtp().getBindTo(), smtp.getSmtp().getPort(), "starttls",
                "maraude", "s3cret", Map.of());
        MailException e = assertThrows(MailException.class,
                () -> ReportMailer.send(files, s, tmp.resolve("tls-log/mail-log.duckdb"), false));
        assertEquals(MailException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
        assertEquals(0, smtp.getReceivedMessages().length, "never falls back to clear text");
    }

    @Test
    void anInterruptedSendIsNotRepeatedSilently() {
        ReportFiles files = report("interrupted");
        Path log = tmp.resolve("interrupted-log/mail-log.duckdb");
        try (SendLog l = SendLog.open(log)) {
            l.started("2026-Q3", "all", "fr", "funder@example.org", "s", Fixture.RUN, "x", false);
        }
        MailException e = assertThrows(MailException.class, () -> ReportMailer.send(files, settings("s3cret"), log, false));
        assertEquals(MailException.Kind.UNCERTAIN, e.kind());
        assertTrue(e.getMessage().contains("--force"));
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void internalReportsAreNeverMailedAndSettingsAreChecked() {
        ReportFiles internal = ReportJob.write(db, new ReportRequest(Period.parse("2026-Q3"), "p-alpha",
                tmp.resolve("internal"), "fr", 11, true));
        assertThrows(IllegalArgumentException.class,
                () -> ReportMailer.send(internal, settings("s3cret"), tmp.resolve("i/mail-log.duckdb"), false));
        ReportFiles files = report("nohost");
        MailSettings noTo = settings("s3cret").withTo(List.of());
        MailException e = assertThrows(MailException.class,
                () -> ReportMailer.send(files, noTo, tmp.resolve("n/mail-log.duckdb"), false));
        assertTrue(e.getMessage().contains("mail.to"));
        MailSettings noPassword = settings(null);
        e = assertThrows(MailException.class,
                () -> ReportMailer.send(files, noPassword, tmp.resolve("n/mail-log.duckdb"), false));
        assertTrue(e.getMessage().contains("mail.password.file"));
        assertFalse(settings("s3cret").toString().contains("s3cret"));
    }

    @Test
    void thePasswordCanComeFromAFile() throws Exception {
        Path f = tmp.resolve("password");
        Files.writeString(f, "from-file\n");
        MailSettings s = MailTestSupport.settings("h", 25, "none", "u", null, Map.of("mail.password.file", f.toString()));
        assertEquals("from-file", s.password());
        MailSettings env = MailTestSupport.settings("h", 25, "none", "u", "from-env",
                Map.of("mail.password.file", f.toString()));
        assertEquals("from-env", env.password(), "the environment wins");
        assertEquals(587, MailSettings.from(Map.of("mail.smtp.host", "h"), Map.of()).port());
        assertEquals(465, MailSettings.from(Map.of("mail.security", "ssl"), Map.of()).port());
        assertThrows(IllegalArgumentException.class, () -> MailSettings.from(Map.of("mail.security", "tls"), Map.of()));
    }
}
