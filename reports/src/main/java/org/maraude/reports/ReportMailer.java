package org.maraude.reports;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails a funder-level report (PDF and CSV annex attached, the headline figures in a short text
 * body) to {@code mail.to}. Sends once per (period, scope): a second call finds the report in
 * the sent log ({@link SendLog}) and sends nothing, unless {@code force}. Refuses internal
 * (unsuppressed) reports. Outward: this sends e-mail.
 */
public final class ReportMailer {
    private ReportMailer() {}

    private static final Logger LOG = LoggerFactory.getLogger(ReportMailer.class);

    public enum Status { SENT, ALREADY_SENT }

    /** What happened: sent now (with its Message-ID), or sent before (when, to whom). */
    public record SendResult(Status status, Instant at, String recipients, String messageId) {}

    /**
     * Sends the report unless the sent log has it already.
     *
     * @param mailLog the sent log file, normally {@code <out>/mail-log.duckdb}
     * @throws MailException with the cause named when the mail could not be sent (the files stay)
     */
    public static SendResult send(ReportFiles files, MailSettings s, Path mailLog, boolean force) {
        ReportRequest req = files.request();
        if (req.internal()) {
            throw new IllegalArgumentException("an internal (unsuppressed) report is never mailed: write the funder-level "
                    + "report (without internal) to send it");
        }
        s.check(s.to(), "mail.to");
        String recipients = String.join(", ", s.to());
        try (SendLog log = SendLog.open(mailLog)) {
            Optional<SendLog.Entry> before = log.latest(req.period().key(), req.scope());
            if (before.isPresent() && !force) {
                SendLog.Entry e = before.get();
                if (e.status().equals("sending")) {
                    throw new MailException(MailException.Kind.UNCERTAIN, "a send of the " + req.period().key() + " report ("
                            + req.scope() + ") started at " + e.at() + " did not finish: check whether " + e.recipients()
                            + " received it, then use --force to send it again");
                }
                LOG.info("report {} ({}) already sent at {} to {}; not sent again", req.period().key(), req.scope(), e.at(),
                        e.recipients());
                return new SendResult(Status.ALREADY_SENT, e.at(), e.recipients(), e.messageId());
            }
            String subject = subject(req);
            long id = log.started(req.period().key(), req.scope(), req.lang(), recipients, subject, files.runId(),
                    sha256(files.pdf()), force);
            try {
                String messageId = Smtp.send(s, session -> message(session, s, files, subject));
                log.finished(id, "sent", messageId, null);
                LOG.info("report {} ({}) sent to {}", req.period().key(), req.scope(), recipients);
                return new SendResult(Status.SENT, Instant.now(), recipients, messageId);
            } catch (RuntimeException e) {
                log.finished(id, "failed", null, e.getMessage());
                throw e;
            }
        }
    }

    static String subject(ReportRequest req) {
        boolean fr = !"en".equals(req.lang());
        String scope = req.project() == null ? (fr ? "tous les projets" : "all projects")
                : (fr ? "projet " : "project ") + req.project();
        return "[maraude] " + (fr ? "Rapport maraudes numériques — " : "Digital outreach report — ")
                + req.period().label(req.lang()) + " — " + scope;
    }

    static String body(ReportFiles files) {
        ReportRequest req = files.request();
        boolean fr = !"en".equals(req.lang());
        String k = Integer.toString(req.k());
        return (fr ? "Bonjour,\n\nVeuillez trouver ci-joint le rapport " + req.period().label("fr") + " ("
                + (req.project() == null ? "tous les projets" : "projet " + req.project()) + ") et son annexe CSV, "
                + "établis à partir de l'exécution " + files.runId() + ".\n\nChiffres clés de la période :\n"
                : "Hello,\n\nPlease find attached the " + req.period().label("en") + " report ("
                        + (req.project() == null ? "all projects" : "project " + req.project()) + ") and its CSV annex, "
                        + "from run " + files.runId() + ".\n\nKey figures of the period:\n")
                + files.headline()
                + (fr ? "\nEffectifs de 1 à " + (req.k() - 1) + " affichés « < " + k + " » ; « s » : valeur masquée. "
                        + "Définitions : voir la section Méthode du rapport.\n\n-- \nmaraude (message automatique)\n"
                        : "\nCounts from 1 to " + (req.k() - 1) + " shown as “< " + k + "”; “s”: hidden value. "
                                + "Definitions: see the report's Methodology section.\n\n-- \nmaraude (automatic message)\n");
    }

    private static MimeMessage message(jakarta.mail.Session session, MailSettings s, ReportFiles files, String subject) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(s.from(), true));
            m.setRecipients(Message.RecipientType.TO, addresses(s.to()));
            m.setSubject(subject, "UTF-8");
            m.setSentDate(new Date());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(body(files), "UTF-8");
            Multipart mp = new MimeMultipart();
            mp.addBodyPart(text);
            mp.addBodyPart(attachment(files.pdf(), "application/pdf"));
            mp.addBodyPart(attachment(files.csv(), "text/csv; charset=UTF-8"));
            m.setContent(mp);
            return m;
        } catch (MessagingException e) {
            throw new MailException(MailException.Kind.CONFIG, "cannot build the message: " + e.getMessage(), e);
        }
    }

    static InternetAddress[] addresses(List<String> list) {
        try {
            InternetAddress[] out = new InternetAddress[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = new InternetAddress(list.get(i), true);
            }
            return out;
        } catch (AddressException e) {
            throw new MailException(MailException.Kind.CONFIG, "invalid e-mail address in the config: " + e.getMessage(), e);
        }
    }

    private static MimeBodyPart attachment(Path file, String type) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        FileDataSource ds = new FileDataSource(file.toFile()) {
            @Override
            public String getContentType() {
                return type;
            }
        };
        p.setDataHandler(new DataHandler(ds));
        p.setFileName(file.getFileName().toString());
        p.setDisposition(MimeBodyPart.ATTACHMENT);
        return p;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
