package org.maraude.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transient failures are retried with a growing wait; permanent ones stop at once. */
class SmtpRetryTest {
    @RegisterExtension
    static GreenMailExtension smtps = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

    private final List<Duration> waits = new ArrayList<>();
    private Smtp.Sleeper saved;

    @BeforeEach
    void recordWaits() {
        saved = Smtp.sleeper;
        Smtp.sleeper = waits::add;
    }

    @AfterEach
    void restore() {
        Smtp.sleeper = saved;
    }

    private static String send(MailSettings s) {
        return Smtp.send(s, session -> {
            try {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress("maraude@example.org"));
                m.setRecipients(jakarta.mail.Message.RecipientType.TO, "funder@example.org");
                m.setSubject("test");
                m.setText("hello");
                return m;
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static MailSettings plain(int port) {
        return MailTestSupport.settings("127.0.0.1", port, "none", null, null, Map.of());
    }

    @Test
    void aRefusedConnectionIsRetriedWithExponentialBackoffThenReported() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        int closed = port;
        MailException e = assertThrows(MailException.class, () -> send(plain(closed)));
        assertEquals(MailException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("after 3 attempt(s)"), e.getMessage());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), waits);
    }

    @Test
    void aTemporaryRefusalIsRetriedAndThenSucceeds() throws Exception {
        try (FakeSmtp fake = new FakeSmtp(List.of("451 4.3.0 try again later", "250 ok"), "250 ok")) {
            String id = send(plain(fake.port()));
            assertTrue(id != null && !id.isBlank());
            assertEquals(2, fake.connections.get());
            assertEquals(1, fake.delivered.get());
            assertEquals(List.of(Duration.ofMillis(10)), waits);
        }
    }

    @Test
    void aPermanentRefusalStopsAtOnceWithTheServersReply() throws Exception {
        try (FakeSmtp fake = new FakeSmtp(List.of("250 ok"), "550 5.1.1 mailbox unknown")) {
            MailException e = assertThrows(MailException.class, () -> send(plain(fake.port())));
            assertEquals(MailException.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains("550 5.1.1 mailbox unknown"), e.getMessage());
            assertEquals(1, fake.connections.get());
            assertEquals(List.of(), waits);
        }
    }

    @Test
    void repliesAreClassifiedByCode() {
        jakarta.mail.MessagingException greeting = new jakarta.mail.MessagingException(
                "Got bad greeting from SMTP host: h, port: 25, response: 421 4.3.2 busy");
        assertEquals(421, Smtp.code(greeting));
        assertTrue(Smtp.isTransient(greeting));
        jakarta.mail.MessagingException refused = new jakarta.mail.MessagingException("554 5.7.1 relay denied");
        assertEquals(554, Smtp.code(refused));
        assertEquals(false, Smtp.isTransient(refused));
        jakarta.mail.MessagingException dns = new jakarta.mail.MessagingException("Unknown SMTP host: smtp.exmaple.org",
                new java.net.UnknownHostException("smtp.exmaple.org"));
        assertEquals(false, Smtp.isTransient(dns), "a typo in the host is not retried");
    }

    @Test
    void sslSendsWhenTheRelayIsTrustedAndRefusesAnUnknownCertificate() {
        int port = smtps.getSmtps().getPort();
        MailSettings untrusted = MailTestSupport.settings("127.0.0.1", port, "ssl", null, null, Map.of());
        MailException e = assertThrows(MailException.class, () -> send(untrusted));
        assertEquals(MailException.Kind.REFUSED, e.kind(), "a certificate problem is not retried");
        assertEquals(List.of(), waits);
        MailSettings trusted = MailTestSupport.settings("127.0.0.1", port, "ssl", null, null,
                Map.of("mail.smtp.ssl.trust", "127.0.0.1"));
        send(trusted);
        assertEquals(1, smtps.getReceivedMessages().length);
    }
}
