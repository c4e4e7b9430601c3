package org.maraude.jobs.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.maraude.jobs.Nights.key;
import static org.maraude.jobs.Nights.rows;
import static org.maraude.jobs.Nights.write;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.ingest.IngestLimits;
import org.maraude.jobs.spark.Location;
import org.maraude.jobs.spark.Stored;

/**
 * The touches stitching looks at, kept between nights, against picking them from every touchpoint: a night that adds
 * touchpoints and the first link of a visitor seen before (whose earlier touches become that youth's, one of them its
 * source) stitches and sources as every touchpoint does, and a night without new files keeps them.
 */
class KeptTouchesTest {
    private static String touch(String ts, char visitor, Character youth, String platform) {
        return ts + "," + key(visitor) + "," + (youth == null ? "" : key(youth)) + ",ad_click," + platform + "\n";
    }

    private static final String TOUCHES = "ts,visitor_key,youth_key,touch_type,platform\n";

    @Test
    void keptTouchesStitchAsEveryTouchpoint(@TempDir Path dir) throws IOException {
        Path inbox = dir.resolve("inbox");
        Path p1 = inbox.resolve("p1");
        long day1 = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();
        long day2 = day1 + 86_400_000L;
        write(p1.resolve("touchpoints/t1.csv"), TOUCHES
                + touch("2026-03-05T12:00:00Z", '1', null, "tiktok")
                + touch("2026-03-06T12:00:00Z", '2', null, "instagram")
                + touch("2026-03-07T12:00:00Z", '3', null, "youtube")
                + touch("2026-03-08T12:00:00Z", '4', 'a', "snapchat"), day1);
        write(p1.resolve("identity_links/l1.csv"), "ts,visitor_key,youth_key\n2026-03-09T12:00:00Z," + key('1') + ","
                + key('b') + "\n", day1);
        write(p1.resolve("contacts/c1.csv"), "ts,youth_key,event,channel\n2026-03-10T12:00:00Z," + key('b')
                + ",first_contact,whatsapp\n", day1);
        Location staging = Location.local(dir.resolve("staging"));
        SparkSession spark = SparkTestSession.get();
        java.util.function.Consumer<String> night = note -> {
            IngestJob.Result in = IngestJob.run(spark, inbox, dir.resolve("staging"), IngestLimits.defaults());
            JourneyJob.Result j = JourneyJob.run(in, JourneyJob.Params.defaults(), Stored.inMemory(), staging, 0);
            assertTrue(j.touchesNote().startsWith(note), j.touchesNote());
            JourneyJob.Result all = JourneyJob.run(in, JourneyJob.Params.defaults());
            assertEquals(rows(all.touches()), rows(j.touches()));
            assertEquals(rows(all.youthTouches()), rows(j.youthTouches()));
            assertEquals(rows(all.youthJourney()), rows(j.youthJourney()));
        };
        night.accept("picked from every touchpoint: no kept touches");
        // A day later: visitor 3 (seen on 7 March) signs in as youth c, who is contacted: its YouTube touch becomes
        // c's source; visitor 2 comes back; visitor 1 (linked before) touches again.
        write(p1.resolve("touchpoints/t2.csv"), TOUCHES
                + touch("2026-03-20T12:00:00Z", '2', null, "tiktok")
                + touch("2026-03-20T13:00:00Z", '1', null, "instagram"), day2);
        write(p1.resolve("identity_links/l2.csv"), "ts,visitor_key,youth_key\n2026-03-20T15:00:00Z," + key('3') + ","
                + key('c') + "\n", day2);
        write(p1.resolve("contacts/c2.csv"), "ts,youth_key,event,channel\n2026-03-21T12:00:00Z," + key('c')
                + ",first_contact,sms\n", day2);
        night.accept("brought up to date with the added layers {touchpoints=1, identity_links=1}, 1 visitor(s) linked");
        night.accept("kept: no touchpoints or identity links added");
    }

    private static KeptTouches.Inputs inputs(List<String> touchpoints, List<String> links) {
        return new KeptTouches.Inputs(touchpoints, links, List.of("part1"));
    }

    @Test
    void onlyLayersAddedOnTopOfTheKeptOnesAreFollowed() {
        KeptTouches.Inputs then = inputs(List.of("t1", "t2"), List.of("l1"));
        KeptTouches.Decision d = KeptTouches.decide(then, inputs(List.of("t1", "t2", "t3"), List.of("l1", "l2")));
        assertEquals(List.of(1, 1), List.of(d.added()[0], d.added()[1]));
        assertTrue(KeptTouches.decide(then, then).unchanged());
        assertEquals("no kept touches", KeptTouches.decide(null, then).reason());
        assertEquals("touchpoints were written again", KeptTouches.decide(then, inputs(List.of("t9"), List.of("l1"))).reason());
        assertEquals("identity links were written again",
                KeptTouches.decide(then, inputs(List.of("t1", "t2"), List.of("l0"))).reason());
        assertEquals(then, KeptTouches.Inputs.parse(then.text()));
        assertNull(KeptTouches.Inputs.parse(then.text().replace("end\n", "")));
    }
}
