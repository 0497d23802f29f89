package org.shelters.agreements.shelter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shelters.agreements.it.IntegrationTest;
import org.shelters.agreements.it.ShelterArrivalEvents;
import org.shelters.events.EventEnvelope;
import org.shelters.events.shelters.ShelterEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Reports made before the read-back existed are on shelters.v1 only. A service whose consumer
 * group has no offset on the topic (here: a context of its own, with a database and group of its
 * own, started after the events were published) reads it from the beginning and fills the
 * read-back: each day at its latest revision, a redelivered record applied once.
 */
@TestPropertySource(properties = "agreements.metrics.refresh-interval=2s")
class ArrivalsBackfillIT extends IntegrationTest {

    private static final String SHELTER = "shelter-before-readback-" + UUID.randomUUID();
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 1);
    private static final LocalDate SECOND_DAY = FIRST_DAY.plusDays(1);
    private static final Instant REPORTED = Instant.parse("2026-10-02T18:00:00Z");
    private static Instant published;

    @Autowired
    ArrivalReports reports;
    @Autowired
    ApplicationContext context;

    /** Runs before this class's Spring context starts (it is not shared with the other ITs). */
    @BeforeAll
    static void reportsMadeBeforeTheServiceStarted() {
        ShelterArrivalEvents stream = new ShelterArrivalEvents(SHELTER, 0);
        EventEnvelope<ShelterEvent> registered = stream.registered();
        EventEnvelope<ShelterEvent> first = stream.reported(FIRST_DAY, 1, 70, REPORTED);
        EventEnvelope<ShelterEvent> second = stream.reported(SECOND_DAY, 1, 110, REPORTED.plusSeconds(60));
        EventEnvelope<ShelterEvent> correction = stream.reported(SECOND_DAY, 2, 121, REPORTED.plusSeconds(600));
        ShelterArrivalEvents.publish(List.of(registered, first, second, correction, correction));
        published = Instant.now();
    }

    @Test
    void aFirstStartBackFillsTheReportsAlreadyOnTheTopic() {
        assertThat(Instant.ofEpochMilli(context.getStartupDate()))
                .as("the service started after the reports were on the topic").isAfter(published);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(reports.between(SHELTER, FIRST_DAY, SECOND_DAY)).hasSize(2)
                        .last().extracting(DailyArrivals::revision).isEqualTo(2));

        List<DailyArrivals> days = reports.between(SHELTER, FIRST_DAY, SECOND_DAY);
        DailyArrivals first = days.get(0);
        assertThat(first.date()).isEqualTo(FIRST_DAY);
        assertThat(first.arrivals()).isEqualTo(70);
        assertThat(first.revision()).isEqualTo(1);
        assertThat(first.recordedAt()).as("the envelope's recordedtime, not the time of the back-fill").isEqualTo(REPORTED);
        DailyArrivals corrected = days.get(1);
        assertThat(corrected.arrivals()).as("the correction's figures").isEqualTo(121);
        assertThat(corrected.women()).isEqualTo(30);
        assertThat(corrected.corrections()).isEqualTo(1);
        assertThat(corrected.recordedAt()).isEqualTo(REPORTED.plusSeconds(600));
        assertThat(corrected.firstRecordedAt()).isEqualTo(REPORTED.plusSeconds(60));
    }
}
