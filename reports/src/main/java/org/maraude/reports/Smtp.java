package org.maraude.reports;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message through the configured SMTP server (jakarta.mail, Eclipse Angus), retrying
 * transient failures — connection refused or timed out, a 4xx reply — with exponential backoff,
 * and failing at once, with the cause named, on a permanent one: a refused login, a 5xx reply, a
 * TLS failure, an unknown host.
 */
final class Smtp {
    private Smtp() {}

    private static final Logger LOG = LoggerFactory.getLogger(Smtp.class);
    private static final Pattern REPLY_CODE = Pattern.compile("(?:response: |^)([245]\\d\\d)\\b");
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    /** How the retry loop waits; tests may replace it. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    static Session session(MailSettings s) {
        Properties p = new Properties();
        String t = Long.toString(s.timeout().toMillis());
        p.put("mail.smtp.host", s.host());
        p.put("mail.smtp.port", Integer.toString(s.port()));
        p.put("mail.smtp.connectiontimeout", t);
        p.put("mail.smtp.timeout", t);
        p.put("mail.smtp.writetimeout", t);
        p.put("mail.smtp.auth", Boolean.toString(s.user() != null));
        switch (s.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                // refuse to go on in clear text if the server does not offer STARTTLS
                p.put("mail.smtp.starttls.required", "true");
            }
            case SSL -> {
                p.put("mail.smtp.ssl.enable", "true");
            }
            case NONE -> { }
        }
        if (s.sslTrust() != null) {
            // hosts pinned by the config (a relay with its own certificate): no CA, no name check
            p.put("mail.smtp.ssl.trust", s.sslTrust());
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        } else {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return Session.getInstance(p);
    }

    /**
     * Builds the message with {@code build} and sends it, retrying as configured.
     *
     * @return the Message-ID of the sent message
     * @throws MailException naming the cause when it could not be sent
     */
    static String send(MailSettings s, Function<Session, MimeMessage> build) {
        Session session = session(s);
        Duration wait = s.backoff();
        MessagingException last = null;
        for (int attempt = 1; attempt <= s.attempts(); attempt++) {
            try {
                MimeMessage m = build.apply(session);
                m.saveChanges();
                try (Transport tr = session.getTransport("smtp")) {
                    tr.connect(s.host(), s.port(), s.user(), s.password());
                    tr.sendMessage(m, m.getAllRecipients());
                }
                if (attempt > 1) {
                    LOG.info("mail sent through {} on attempt {}", s.server(), attempt);
                }
                return m.getMessageID();
            } catch (AuthenticationFailedException e) {
                throw new MailException(MailException.Kind.AUTHENTICATION, "the SMTP server " + s.server()
                        + " refused the login of user '" + s.user() + "'" + reply(e) + ": check mail.smtp.user and the "
                        + "password (" + MailSettings.PASSWORD_ENV + " or mail.password.file)", e);
            } catch (MessagingException e) {
                last = e;
                String why = describe(e);
                if (!isTransient(e)) {
                    throw new MailException(MailException.Kind.REFUSED, "the SMTP server " + s.server()
                            + " refused the message: " + why, e);
                }
                if (attempt < s.attempts()) {
                    LOG.warn("mail to {} failed (attempt {} of {}): {}; retrying in {} ms", s.server(), attempt,
                            s.attempts(), why, wait.toMillis());
                    try {
                        sleeper.sleep(wait);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new MailException(MailException.Kind.UNAVAILABLE, "interrupted while retrying", ie);
                    }
                    wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
                }
            }
        }
        throw new MailException(MailException.Kind.UNAVAILABLE, "the SMTP server " + s.server() + " could not take the "
                + "message after " + s.attempts() + " attempt(s): " + describe(last), last);
    }

    /** Temporary: the server could not be reached in time, or it answered 4xx. */
    static boolean isTransient(MessagingException e) {
        Integer code = code(e);
        if (code != null) {
            return code >= 400 && code < 500;
        }
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof UnknownHostException || t instanceof SSLException) {
                return false; // a typo in the host or a TLS problem does not fix itself
            }
        }
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof MailConnectException || t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof NoRouteToHostException || t instanceof SocketException) {
                return true;
            }
        }
        // a connection dropped mid-dialogue ("[EOF]") is worth another try
        return String.valueOf(e.getMessage()).contains("[EOF]");
    }

    /** The SMTP reply code of the failure, where the server gave one. */
    static Integer code(MessagingException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException f) {
                return f.getReturnCode();
            }
        }
        Matcher m = REPLY_CODE.matcher(String.valueOf(e.getMessage()).strip());
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String reply(MessagingException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "" : " (" + m.strip().lines().findFirst().orElse("") + ")";
    }

    /** One line: the exception chain's messages (the server's reply text included). */
    static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 400; t = next(t)) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip().replaceAll("\\s+", " ");
            if (b.indexOf(m) < 0) {
                b.append(b.length() == 0 ? "" : "; ").append(m);
            }
            if (t instanceof SendFailedException sf && sf.getInvalidAddresses() != null
                    && sf.getInvalidAddresses().length > 0) {
                b.append(" [invalid: ").append(java.util.Arrays.toString(sf.getInvalidAddresses())).append(']');
            }
        }
        return b.toString();
    }
}
