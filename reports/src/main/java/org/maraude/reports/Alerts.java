package org.maraude.reports;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails the data staff ({@code mail.staff.to}) when the nightly run fails or rejects too many
 * rows: what failed, which files, how many rows, where the log is. An alert never carries a
 * rejected value: it is built from counts, file names, reason codes and column names (never from
 * the rejects table's {@code message}), and an error's text is scrubbed of anything that looks
 * like an address, a phone number or a quoted value. Outward: this sends e-mail.
 */
public final class Alerts {
    private Alerts() {}

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    /** How many files and reasons an alert lists at most (the rest is in the warehouse). */
    static final int MAX_LINES = 15;

    /** One file of the run, as the {@code runs} table records it. */
    public record FileLine(String file, String dataset, long rowsRead, long rowsRejected, String fileReason) {}

    /** Rejected rows of one reason in one dataset's column, and whole files refused for it. */
    public record ReasonLine(String reason, String dataset, String column, long rows, long files) {}

    /** What a run read: totals, the files with rejections (most first), the reasons (most first). */
    public record RunDigest(String runId, long files, long filesRefused, long rowsRead, long rowsRejected,
            List<FileLine> filesWithRejects, List<ReasonLine> reasons) {

        /** A digest from the counts alone (a summary the caller already has). */
        public static RunDigest of(String runId, long files, long filesRefused, long rowsRead, long rowsRejected) {
            return new RunDigest(runId, files, filesRefused, rowsRead, rowsRejected, List.of(), List.of());
        }

        public double rejectedShare() {
            return rowsRead == 0 ? 0 : (double) rowsRejected / rowsRead;
        }

        /** Reads the run's {@code runs} and {@code rejects} rows from a warehouse file (read only). */
        public static RunDigest read(Path warehouse, String runId) {
            Properties ro = new Properties();
            ro.setProperty("duckdb.read_only", "true");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath(), ro)) {
                long[] t = new long[4];
                try (PreparedStatement s = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE file_reason IS NOT "
                        + "NULL), coalesce(sum(rows_read), 0), coalesce(sum(rows_rejected), 0) FROM runs WHERE run_id = ?")) {
                    s.setString(1, runId);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        for (int i = 0; i < 4; i++) {
                            t[i] = r.getLong(i + 1);
                        }
                    }
                }
                List<FileLine> files = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT file, dataset, coalesce(rows_read, 0), "
                        + "coalesce(rows_rejected, 0), file_reason FROM runs WHERE run_id = ? AND (rows_rejected > 0 OR "
                        + "file_reason IS NOT NULL) ORDER BY file_reason IS NULL, rows_rejected DESC, file")) {
                    s.setString(1, runId);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            files.add(new FileLine(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
                                    r.getString(5)));
                        }
                    }
                }
                List<ReasonLine> reasons = new ArrayList<>();
                // Only codes and names: the message column is never read.
                try (PreparedStatement s = c.prepareStatement("SELECT reason, dataset, \"column\", "
                        + "count(*) FILTER (WHERE line IS NOT NULL), count(DISTINCT file) FILTER (WHERE line IS NULL) "
                        + "FROM rejects WHERE run_id = ? GROUP BY ALL ORDER BY 4 DESC, 5 DESC, 1, 2, 3")) {
                    s.setString(1, runId);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            reasons.add(new ReasonLine(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                                    r.getLong(5)));
                        }
                    }
                }
                return new RunDigest(runId, t[0], t[1], t[2], t[3], files, reasons);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the run's tables in " + warehouse + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The nightly run failed.
     *
     * @param stage  the stage that failed (ingest, journeys, publish…), or null
     * @param error  the failure; only its type and scrubbed message are sent
     * @param log    the run's log file
     * @param digest what the run had read, or null when it failed before
     * @return false when {@code mail.staff.to} is not set (nothing sent, a warning logged)
     * @throws MailException when the alert could not be sent
     */
    public static boolean runFailed(MailSettings s, String runId, String stage, Throwable error, Path log,
            RunDigest digest) {
        boolean fr = !"en".equals(s.lang());
        StringBuilder b = new StringBuilder();
        b.append(fr ? "L'exécution nocturne " : "The nightly run ").append(runId)
                .append(fr ? " a échoué" : " failed").append(stage == null ? "" : (fr ? " à l'étape « " + stage + " »"
                        : " in stage '" + stage + "'")).append(".\n\n");
        b.append(fr ? "Erreur : " : "Error: ").append(describe(error)).append("\n");
        b.append(fr ? "Journal : " : "Log: ").append(log).append("\n");
        b.append(fr ? "Le dernier entrepôt publié reste en place ; rien n'a été publié.\n"
                : "The last published warehouse stays in place; nothing was published.\n");
        if (digest != null) {
            b.append('\n');
            digest(b, digest, fr);
        }
        return send(s, (fr ? "[maraude] ÉCHEC de l'exécution nocturne " : "[maraude] Nightly run FAILED ") + runId,
                b.toString());
    }

    /**
     * The nightly run rejected more rows than {@code rejects.max.share} allows (it was not published).
     *
     * @param release where the run's tables were left for inspection, or null
     * @return false when {@code mail.staff.to} is not set (nothing sent, a warning logged)
     * @throws MailException when the alert could not be sent
     */
    public static boolean tooManyRejects(MailSettings s, RunDigest d, double maxShare, Path log, Path release) {
        boolean fr = !"en".equals(s.lang());
        String share = pct(d.rejectedShare(), fr);
        String limit = pct(maxShare, fr);
        StringBuilder b = new StringBuilder();
        b.append(fr ? "L'exécution nocturne " + d.runId() + " n'a pas été publiée : " + share + " des lignes lues ont "
                + "été rejetées (seuil : " + limit + "). Le dernier entrepôt publié reste en place.\n\n"
                : "The nightly run " + d.runId() + " was not published: " + share + " of the rows read were rejected "
                        + "(limit: " + limit + "). The last published warehouse stays in place.\n\n");
        digest(b, d, fr);
        if (release != null) {
            b.append(fr ? "Tables de l'exécution, pour examen : " : "The run's tables, for inspection: ").append(release)
                    .append('\n');
        }
        b.append(fr ? "Journal : " : "Log: ").append(log).append('\n');
        return send(s, (fr ? "[maraude] Trop de rejets : exécution " + d.runId() + " non publiée (" + share + ")"
                : "[maraude] Too many rejects: run " + d.runId() + " not published (" + share + ")"), b.toString());
    }

    private static void digest(StringBuilder b, RunDigest d, boolean fr) {
        b.append(fr ? "Fichiers : " : "Files: ").append(d.files()).append(fr ? " (dont " : " (").append(d.filesRefused())
                .append(fr ? " refusés) ; lignes lues : " : " refused); rows read: ").append(d.rowsRead())
                .append(fr ? ", rejetées : " : ", rejected: ").append(d.rowsRejected()).append("\n");
        if (!d.filesWithRejects().isEmpty()) {
            b.append(fr ? "\nFichiers concernés :\n" : "\nFiles concerned:\n");
            for (FileLine f : d.filesWithRejects().subList(0, Math.min(MAX_LINES, d.filesWithRejects().size()))) {
                b.append("  ").append(f.file()).append(" (").append(f.dataset()).append(") : ");
                if (f.fileReason() != null) {
                    b.append(fr ? "fichier refusé (" : "file refused (").append(f.fileReason()).append(")\n");
                } else {
                    b.append(f.rowsRejected()).append(fr ? " ligne(s) rejetée(s) sur " : " row(s) rejected of ")
                            .append(f.rowsRead()).append('\n');
                }
            }
            more(b, d.filesWithRejects().size(), fr);
        }
        if (!d.reasons().isEmpty()) {
            b.append(fr ? "\nRejets par motif :\n" : "\nRejections by reason:\n");
            for (ReasonLine r : d.reasons().subList(0, Math.min(MAX_LINES, d.reasons().size()))) {
                b.append("  ").append(r.reason()).append(" — ").append(r.dataset())
                        .append(r.column() == null ? "" : "." + r.column()).append(" : ");
                if (r.rows() > 0) {
                    b.append(r.rows()).append(fr ? " ligne(s)" : " row(s)");
                }
                if (r.files() > 0) {
                    b.append(r.rows() > 0 ? ", " : "").append(r.files()).append(fr ? " fichier(s) refusé(s)"
                            : " file(s) refused");
                }
                b.append('\n');
            }
            more(b, d.reasons().size(), fr);
        }
        b.append(fr ? "\nAucune valeur rejetée n'est reproduite ici : voir la table rejects (file, line, column, reason).\n"
                : "\nNo rejected value is reproduced here: see the rejects table (file, line, column, reason).\n");
    }

    private static void more(StringBuilder b, int n, boolean fr) {
        if (n > MAX_LINES) {
            b.append("  … ").append(n - MAX_LINES).append(fr ? " de plus\n" : " more\n");
        }
    }

    private static String pct(double share, boolean fr) {
        return String.format(fr ? Locale.FRANCE : Locale.UK, "%.2f %%", 100 * share).replace(" %", fr ? "\u00a0%" : "%");
    }

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d .()/-]{7,}\\d");
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"|«[^»\\n]*»");

    /**
     * An error's type and first message line, without anything that could be a value from the
     * data: quoted text, addresses and long digit runs are replaced.
     */
    static String describe(Throwable e) {
        if (e == null) {
            return "?";
        }
        StringBuilder b = new StringBuilder(e.getClass().getSimpleName());
        String m = e.getMessage();
        if (m != null && !m.isBlank()) {
            b.append(": ").append(scrub(m.strip().lines().findFirst().orElse("")));
        }
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause() == c ? null : c.getCause()) {
            b.append(" ← ").append(c.getClass().getSimpleName());
        }
        return b.length() > 500 ? b.substring(0, 500) + "…" : b.toString();
    }

    static String scrub(String s) {
        String out = QUOTED.matcher(s).replaceAll("'…'");
        out = EMAIL.matcher(out).replaceAll("[…]");
        return PHONE.matcher(out).replaceAll("[…]");
    }

    private static boolean send(MailSettings s, String subject, String body) {
        if (s.staffTo().isEmpty()) {
            LOG.warn("mail.staff.to is not set: alert not mailed: {}", subject);
            return false;
        }
        s.check(s.staffTo(), "mail.staff.to");
        Smtp.send(s, session -> {
            try {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress(s.from(), true));
                m.setRecipients(Message.RecipientType.TO, ReportMailer.addresses(s.staffTo()));
                m.setSubject(subject, "UTF-8");
                m.setSentDate(new Date());
                m.setText(body, "UTF-8");
                return m;
            } catch (MessagingException e) {
                throw new MailException(MailException.Kind.CONFIG, "cannot build the alert: " + e.getMessage(), e);
            }
        });
        LOG.info("alert mailed to {}: {}", s.staffTo(), subject);
        return true;
    }
}
