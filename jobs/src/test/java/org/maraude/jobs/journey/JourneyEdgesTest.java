package org.maraude.jobs.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.ingest.IngestLimits;

/** Edge cases of contract §3, each worked out by hand, through ingest and the journey stage. */
class JourneyEdgesTest {
    @TempDir
    static Path dir;
    static JourneyJob.Result result;

    static String key(char c) {
        return String.valueOf(c).repeat(64);
    }

    static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static final String CONTACTS = "ts,youth_key,event,channel,partner_type\n";
    static final String TOUCHES = "ts,visitor_key,youth_key,touch_type,platform,creative_id\n";

    @BeforeAll
    static void build() throws IOException {
        Path inbox = dir.resolve("inbox");
        // window: E's only touch is 30 days and 1 second before first contact (out of the window);
        // F's touch is exactly 30 days before (in the window).
        write(inbox.resolve("window/touchpoints/t.csv"), TOUCHES
                + "2026-05-16T11:59:59Z," + key('1') + "," + key('e') + ",ad_click,tiktok,old\n"
                + "2026-05-16T12:00:00Z," + key('2') + "," + key('f') + ",ad_click,snapchat,edge\n");
        write(inbox.resolve("window/contacts/c.csv"), CONTACTS
                + "2026-06-15T12:00:00Z," + key('e') + ",first_contact,whatsapp,\n"
                + "2026-06-15T12:00:00Z," + key('f') + ",first_contact,whatsapp,\n");
        // stitch: the visitor is linked to G three days AFTER G's first contact; the touch two days
        // before contact is claimed backwards (within 30 days of the link) and is G's source; the touch
        // between contact and link is G's too, but after first contact, so never the source.
        write(inbox.resolve("stitch/touchpoints/t.csv"), TOUCHES
                + "2026-06-01T10:00:00Z," + key('3') + ",,qr_scan,offline,poster-a\n"
                + "2026-06-03T10:00:00Z," + key('3') + ",,ad_click,tiktok,late\n");
        write(inbox.resolve("stitch/identity_links/l.csv"), "ts,visitor_key,youth_key\n"
                + "2026-06-05T10:00:00Z," + key('3') + "," + key('9') + "\n");
        write(inbox.resolve("stitch/contacts/c.csv"), CONTACTS
                + "2026-06-02T10:00:00Z," + key('9') + ",first_contact,chatbot,\n");
        // handoffs: two hand-offs around the October DST change (02:30+02:00 then 02:30+01:00, one hour
        // apart): handed off once, partner of the first, two hand-off events kept.
        write(inbox.resolve("handoffs/contacts/c.csv"), CONTACTS
                + "2026-10-24T10:00:00+02:00," + key('a') + ",first_contact,phone,\n"
                + "2026-10-24T10:45:00+02:00," + key('a') + ",mediator_reply,phone,\n"
                + "2026-10-25T02:30:00+02:00," + key('a') + ",handoff,phone,france_travail\n"
                + "2026-10-25T02:30:00+01:00," + key('a') + ",handoff,phone,mission_locale\n");
        IngestJob.Result in = IngestJob.run(SparkTestSession.get(), inbox, dir.resolve("staging"),
                IngestLimits.defaults());
        result = JourneyJob.run(in, JourneyJob.Params.defaults());
    }

    private static List<String> journey(char youth) {
        Row r = result.youthJourney().filter("youth_key = '" + key(youth) + "'").collectAsList().get(0);
        return List.of(String.valueOf(r.<Object>getAs("source_rule")), String.valueOf(r.<Object>getAs("source_platform")),
                String.valueOf(r.<Object>getAs("source_creative_id")));
    }

    @Test
    void aTouchMoreThanThirtyDaysBeforeDoesNotCount() {
        assertEquals(List.of("unattributed", "null", "null"), journey('e'));
        assertEquals(List.of("touch", "snapchat", "edge"), journey('f'));
    }

    @Test
    void aVisitorStitchedAfterContactGivesTheSourceBeforeIt() {
        assertEquals(List.of("touch", "offline", "poster-a"), journey('9'));
        assertEquals(2, result.touches().filter("youth_key = '" + key('9') + "'").count());
    }

    @Test
    void twoHandoffsCountOnceWithTheFirstPartner() {
        Row r = result.youthJourney().filter("youth_key = '" + key('a') + "'").collectAsList().get(0);
        assertEquals(true, r.getAs("handed_off"));
        assertEquals("france_travail", r.getAs("handoff_partner_type"));
        assertEquals(2L, (long) r.<Long>getAs("handoff_count"));
        assertEquals(45.0, r.<Double>getAs("first_reply_minutes"), 1e-9);
        Row f = result.funnelMonthly().filter("project_id = 'handoffs'").collectAsList().get(0);
        assertEquals("2026-10", f.getAs("month"));
        assertEquals(1L, (long) f.<Long>getAs("handed_off"));
    }

    @Test
    void replyTimesByHourOfWeekInParisTime() {
        // Saturday 24 October 2026, 10:00 Paris → hour of week 5*24+10 = 130; answered in 45 minutes
        Row r = result.replyTimes().filter("project_id = 'handoffs' AND hour_of_week IS NOT NULL").collectAsList().get(0);
        assertEquals(130, (int) r.<Integer>getAs("hour_of_week"));
        assertEquals(45.0, r.<Double>getAs("median_minutes"), 1e-9);
        assertEquals(0.0, r.<Double>getAs("share_within_30min"), 1e-9);
        // one row per hour of week with a wait, and one for all hours (null hour) per project and channel
        List<Row> rows = result.replyTimes().filter("project_id = 'handoffs'").collectAsList();
        assertEquals(2, rows.size());
        Row all = rows.stream().filter(x -> x.getAs("hour_of_week") == null).findFirst().orElseThrow();
        assertEquals("phone", all.getAs("channel"));
        assertEquals(1L, (long) all.<Long>getAs("messages"));
        assertEquals(1L, (long) all.<Long>getAs("answered"));
        assertEquals(45.0, all.<Double>getAs("median_minutes"), 1e-9);
        assertEquals(45.0, all.<Double>getAs("p90_minutes"), 1e-9);
    }
}
