package org.maraude.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages in a real browser (headless Chromium): no script error, every chart drawn at a real
 * size, sorting works, no sideways scrolling of the page on a phone; screenshots are saved under
 * {@code target/screenshots}. Skipped where Chromium is missing, except on CI (./test installs it).
 */
class BrowserTest {
    @TempDir
    static Path tmp;
    static Path chromium;
    static Path pages;
    static final Path SHOTS = Path.of("target", "screenshots");

    @BeforeAll
    static void render() throws Exception {
        var found = Chromium.find();
        if (found.isEmpty() && System.getenv("CI") != null) {
            throw new AssertionError("chromium is missing: ./test installs it with apt-get");
        }
        Assumptions.assumeTrue(found.isPresent(), "chromium not installed");
        chromium = found.get();
        pages = tmp.resolve("pages");
        Dashboards.render(WarehouseFixture.build(Files.createDirectories(tmp.resolve("w")), true), pages,
                Dashboards.Options.defaults());
    }

    private static void assertCharts(Chromium.Result r, int expected, String page, int minWidth) {
        assertEquals("1", r.get("done"), page + ": probe did not run " + r);
        assertEquals("", r.get("errors"), page + ": script errors");
        assertEquals(List.of(), r.consoleErrors(), page + ": console errors");
        String[] svgs = r.get("svg").isEmpty() ? new String[0] : r.get("svg").split(" ");
        assertTrue(svgs.length >= expected, page + ": " + svgs.length + " charts " + r.get("svg"));
        for (String s : svgs) {
            String[] wh = s.substring(s.lastIndexOf(':') + 1).split("x");
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            assertTrue(w >= minWidth && h >= minWidth / 3, page + ": chart too small " + s);
        }
    }

    @Test
    void nationalPageRendersWithoutErrorsAndEveryChartHasASize() {
        Chromium.Result r = Chromium.load(chromium, pages.resolve("national.html"), 1280, 2000,
                SHOTS.resolve("national.png"), tmp);
        assertCharts(r, 6, "national", 600);
        assertEquals("0", r.get("overflow"));
        assertTrue(Files.exists(SHOTS.resolve("national.png")));
    }

    @Test
    void projectPageRendersAndItsTablesSort() {
        Chromium.Result r = Chromium.load(chromium, pages.resolve("project-p-alpha.html"), 1280, 2000,
                SHOTS.resolve("project.png"), tmp);
        assertCharts(r, 8, "project", 600);
        // contacted: first click sorts largest first (cr-a1, 100), second click smallest first (cr-a2, 20)
        assertEquals("cr-a1,cr-a2", r.get("sort"));
    }

    @Test
    void indexPageRenders() {
        Chromium.Result r = Chromium.load(chromium, pages.resolve("index.html"), 1280, 900, null, tmp);
        assertEquals("1", r.get("done"));
        assertEquals("", r.get("errors"));
        assertEquals(List.of(), r.consoleErrors());
    }

    @Test
    void pagesFitAPhoneScreen() {
        Chromium.Result r = Chromium.load(chromium, pages.resolve("project-p-alpha.html"), 390, 844,
                SHOTS.resolve("project-phone.png"), tmp);
        assertCharts(r, 8, "project on a phone", 300);
        // wide tables scroll inside their own box; the page itself never scrolls sideways
        assertEquals("0", r.get("overflow"), "page overflows sideways on a phone");
    }

    @Test
    void theProbeSeesScriptErrors() throws Exception {
        Path bad = pages.resolve("broken.html");
        Files.writeString(bad, "<!doctype html><html><head></head><body><script>notDefined();</script></body></html>");
        Chromium.Result r = Chromium.load(chromium, bad, 800, 600, null, tmp);
        assertTrue(r.get("errors").contains("notDefined"), r.toString());
    }
}
