package org.maraude.jobs.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Each youth's contact facts and waits kept between nights, against computing them from every event: a night that
 * adds a day of contacts (new events of a known youth, whose first reply, accompaniment and waits change, and a new
 * youth) publishes the journeys and reply times that every event gives, and a night without new files keeps them.
 */
class KeptContactsTest {
    private static final String CONTACTS = "ts,youth_key,event,channel,partner_type\n";

    @Test
    void keptFactsGiveTheJourneysAndReplyTimesOfEveryEvent(@TempDir Path dir) throws IOException {
        Path inbox = dir.resolve("inbox");
        long day1 = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();
        long day2 = day1 + 86_400_000L;
        write(inbox.resolve("p1/contacts/c1.csv"), CONTACTS
                + "2026-03-10T12:00:00Z," + key('a') + ",first_contact,whatsapp,\n"
                + "2026-03-10T12:20:00Z," + key('a') + ",mediator_reply,whatsapp,\n"
                + "2026-03-11T09:00:00Z," + key('b') + ",inbound_message,sms,\n"
                + "2026-03-11T10:00:00Z," + key('b') + ",mediator_reply,sms,\n", day1);
        write(inbox.resolve("p2/contacts/c1.csv"), CONTACTS
                + "2026-03-12T08:00:00Z," + key('a') + ",first_contact,phone,\n", day1);
        write(inbox.resolve("p1/touchpoints/t1.csv"), "ts,visitor_key,youth_key,touch_type,platform\n"
                + "2026-03-09T12:00:00Z," + key('1') + "," + key('a') + ",ad_click,tiktok\n", day1);
        Location kept = Location.local(dir.resolve("staging"));
        SparkSession spark = SparkTestSession.get();
        java.util.function.BiConsumer<String, Boolean> night = (note, compare) -> {
            IngestJob.Result in = IngestJob.run(spark, inbox, dir.resolve("staging"), IngestLimits.defaults());
            JourneyJob.Result j = JourneyJob.run(in, JourneyJob.Params.defaults(), Stored.inMemory(), kept, 0);
            assertTrue(j.contactsNote().startsWith(note), j.contactsNote());
            if (compare) {
                JourneyJob.Result all = JourneyJob.run(in, JourneyJob.Params.defaults());
                assertEquals(rows(all.youthJourney()), rows(j.youthJourney()));
                assertEquals(rows(all.replyTimes()), rows(j.replyTimes()));
                assertEquals(rows(all.funnelMonthly()), rows(j.funnelMonthly()));
            }
        };
        night.accept("computed from every event: no kept contact facts", true);
        // A day later: youth a of p1 writes again after the reply (a new wait, answered), is accompanied and handed
        // off; youth c is contacted for the first time; youth a of p2 (another project) is not touched.
        write(inbox.resolve("p1/contacts/c2.csv"), CONTACTS
                + "2026-03-20T12:00:00Z," + key('a') + ",inbound_message,whatsapp,\n"
                + "2026-03-20T12:50:00Z," + key('a') + ",mediator_reply,whatsapp,\n"
                + "2026-03-21T12:00:00Z," + key('a') + ",accompaniment_start,whatsapp,\n"
                + "2026-03-22T12:00:00Z," + key('a') + ",handoff,whatsapp,mission_locale\n"
                + "2026-03-21T15:00:00Z," + key('c') + ",first_contact,chatbot,\n", day2);
        night.accept("brought up to date with 1 added layer(s), 2 youth computed again", true);
        night.accept("kept: no contacts added", true);
        // Another day: youth a of p1 again (its row in the last part is replaced by this night's) and youth b.
        write(inbox.resolve("p1/contacts/c3.csv"), CONTACTS
                + "2026-03-25T08:00:00Z," + key('a') + ",inbound_message,sms,\n"
                + "2026-03-25T08:30:00Z," + key('a') + ",mediator_reply,sms,\n"
                + "2026-03-26T08:00:00Z," + key('b') + ",dropout,sms,\n", day2 + 86_400_000L);
        night.accept("brought up to date with 1 added layer(s), 2 youth computed again", true);
    }

    private static KeptContacts.Inputs inputs(String... layers) {
        return new KeptContacts.Inputs(List.of(layers), List.of("part1", "part2"));
    }

    @Test
    void onlyLayersAddedOnTopOfTheKeptOnesAreFollowed() {
        KeptContacts.Inputs then = inputs("c1", "c2");
        assertEquals(1, KeptContacts.decide(then, inputs("c1", "c2", "c3")).added());
        assertEquals(0, KeptContacts.decide(then, then).added());
        assertEquals("no kept contact facts", KeptContacts.decide(null, then).reason());
        assertEquals("contacts were written again", KeptContacts.decide(then, inputs("c9")).reason());
        assertEquals("contacts were written again", KeptContacts.decide(then, inputs("c0", "c1", "c2")).reason());
        assertEquals("contacts not read from kept layers", KeptContacts.decide(then, inputs()).reason());
    }

    @Test
    void theStateReadsBackAndACutOneIsIgnored() {
        KeptContacts.Inputs i = inputs("c1", "c2");
        assertEquals(i, KeptContacts.Inputs.parse(i.text()));
        assertEquals(inputs(), KeptContacts.Inputs.parse(inputs().text()));
        assertEquals(null, KeptContacts.Inputs.parse(new KeptContacts.Inputs(List.of("c1"), List.of()).text()));
        String text = i.text();
        assertEquals(null, KeptContacts.Inputs.parse(text.substring(0, text.length() - 4)));
        assertEquals(null, KeptContacts.Inputs.parse("maraude-contacts 1\n" + text.substring(text.indexOf('\n') + 1)));
    }
}
