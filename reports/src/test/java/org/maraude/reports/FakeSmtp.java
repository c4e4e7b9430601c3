package org.maraude.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted SMTP server for the replies GreenMail does not give: connection {@code i} (0-based)
 * answers {@code MAIL FROM} with {@code mailReplies.get(i)} (the last one repeats) and
 * {@code RCPT TO} with {@code rcptReply}; everything else is accepted.
 */
final class FakeSmtp implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger delivered = new AtomicInteger();

    FakeSmtp(List<String> mailReplies, String rcptReply) throws IOException {
        server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    int n = connections.getAndIncrement();
                    String mailReply = mailReplies.get(Math.min(n, mailReplies.size() - 1));
                    converse(s, mailReply, rcptReply);
                } catch (IOException e) {
                    // closed
                }
            }
        }, "fake-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void converse(Socket s, String mailReply, String rcptReply) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII);
        out.print("220 fake ESMTP\r\n");
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            String reply = switch (cmd) {
                case "EHLO", "HELO" -> "250 fake";
                case "MAIL" -> mailReply;
                case "RCPT" -> rcptReply;
                case "DATA" -> {
                    out.print("354 go ahead\r\n");
                    out.flush();
                    while (!".".equals(in.readLine())) {
                        // the message
                    }
                    delivered.incrementAndGet();
                    yield "250 2.0.0 queued";
                }
                case "QUIT" -> "221 bye";
                default -> "250 ok";
            };
            out.print(reply + "\r\n");
            out.flush();
            if (cmd.equals("QUIT")) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
