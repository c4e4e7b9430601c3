package org.maraude.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium}) for the page tests: loads a page from a file URL,
 * with a probe injected into a copy of it that records script errors, every chart's size, the
 * page's sideways overflow and the result of a sort click into attributes of {@code <html>}, read
 * back with {@code --dump-dom}; optionally takes a screenshot in the same run.
 */
final class Chromium {
    private Chromium() {}

    static Optional<Path> find() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(Path.of(p));
            }
        }
        return Optional.empty();
    }

    static final String HEAD_PROBE = "<script>window.__errs=[];window.addEventListener('error',function(e){"
            + "window.__errs.push(String(e.message));});</script>";

    static final String BODY_PROBE = "<script>(function(){var d=document.documentElement;try{"
            + "var s=document.querySelectorAll('figure svg'),out=[];"
            + "for(var i=0;i<s.length;i++){var r=s[i].getBoundingClientRect();"
            + "out.push(s[i].id+':'+Math.round(r.width)+'x'+Math.round(r.height));}"
            + "d.setAttribute('data-probe-svg',out.join(' '));"
            + "d.setAttribute('data-probe-overflow',String(d.scrollWidth-window.innerWidth));"
            + "var t=document.querySelector('#tab-creatives-table table.sortable');"
            + "if(t){var b=t.tHead.rows[0].cells[4].querySelector('button');b.click();"
            + "var a=t.tBodies[0].rows[0].getAttribute('data-key');b.click();"
            + "d.setAttribute('data-probe-sort',a+','+t.tBodies[0].rows[0].getAttribute('data-key'));}"
            + "}catch(e){window.__errs.push('probe: '+e.message);}"
            + "d.setAttribute('data-probe-errors',window.__errs.join(' | '));d.setAttribute('data-probe-done','1');})();</script>";

    /** What the probe saw, plus the console errors Chromium logged. */
    record Result(Map<String, String> probe, List<String> consoleErrors) {
        String get(String name) {
            return probe.getOrDefault(name, "");
        }
    }

    /** Loads a probed copy of {@code page} (written beside it) at the given window size. */
    static Result load(Path chromium, Path page, int width, int height, Path screenshot, Path work) {
        try {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            String probed = html.replaceFirst("<head>", "<head>" + Matcher.quoteReplacement(HEAD_PROBE))
                    .replace("</body>", BODY_PROBE + "</body>");
            Path copy = page.resolveSibling("_probe-" + page.getFileName());
            Files.writeString(copy, probed, StandardCharsets.UTF_8);
            Path profile = Files.createTempDirectory(work, "profile");
            Path out = work.resolve(page.getFileName() + "-" + width + ".dom");
            Path err = work.resolve(page.getFileName() + "-" + width + ".err");
            List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                    "--hide-scrollbars", "--window-size=" + width + "," + height, "--dump-dom"));
            if (screenshot != null) {
                Files.createDirectories(screenshot.getParent());
                cmd.add("--screenshot=" + screenshot);
            }
            cmd.add(copy.toUri().toString());
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish within 90 s on " + page);
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            Map<String, String> probe = new TreeMap<>();
            Matcher m = Pattern.compile("<html[^>]*>").matcher(dom);
            if (m.find()) {
                Matcher a = Pattern.compile("data-probe-([a-z]+)=\"([^\"]*)\"").matcher(m.group());
                while (a.find()) {
                    probe.put(a.group(1), a.group(2).replace("&amp;", "&").replace("&quot;", "\""));
                }
            }
            List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains("Uncaught") || (l.contains("CONSOLE") && l.contains("ERROR"))
                            || l.contains("net::ERR_")).toList();
            return new Result(probe, console);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
