package org.shelters.reporting.shelters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.reporting.shelters.ShelterFold.SHELTERS;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventMetadata;
import org.shelters.events.EventPayload;
import org.shelters.events.Events;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRetired;
import org.shelters.reporting.Programme;
import org.shelters.reporting.projection.ProjectionBatch;

/** The shelter fold marks a retired shelter, in order, redelivered, late and in a rebuild alike. */
class ShelterRetirementTest {

    static final LocalDate RETIRED_ON = LocalDate.parse("2026-11-20");

    final EventEnvelope<? extends ShelterEvent> registered =
            at(1, Programme.shelter("s1", "Casa", "MX-CHP", Corridor.SOUTHERN_BORDER, 40));
    final EventEnvelope<? extends ShelterEvent> retired =
            at(3, new ShelterRetired("s1", "Registered twice: duplicate of s0", RETIRED_ON));
    final EventEnvelope<? extends ShelterEvent> updated = at(4, new ShelterProfileUpdated("s1", "Casa nueva",
            "MX-CHP", "Tapachula", Corridor.SOUTHERN_BORDER, 60, List.of()));

    static <T extends EventPayload> EventEnvelope<T> at(long sequence, T payload) {
        Instant time = Instant.parse("2026-11-20T10:00:00Z").plusSeconds(sequence);
        return Events.envelope("/test", payload, sequence, EventMetadata.none(), time, time);
    }

    /** One poll, folded as the live handler and the rebuild do (sequence guard included); the documents it changed. */
    static List<ShelterDoc> poll(Map<String, ShelterDoc> store, List<EventEnvelope<? extends ShelterEvent>> events) {
        ProjectionBatch batch = new ProjectionBatch();
        batch.addAll(ShelterFold.PROJECTION, events);
        return batch.applyTo(SHELTERS, store);
    }

    @Test
    void aRetirementMarksTheShelterRetiredWithItsReasonDateAndSequenceAndKeepsTheProfile() {
        Map<String, ShelterDoc> store = new HashMap<>();
        poll(store, List.of(registered));
        assertThat(store.get("s1").retired()).isFalse();

        assertThat(poll(store, List.of(retired))).hasSize(1);

        ShelterDoc doc = store.get("s1");
        assertThat(doc.retired()).isTrue();
        assertThat(doc.retirement.reason).isEqualTo("Registered twice: duplicate of s0");
        assertThat(doc.retirement.retiredOn).isEqualTo(RETIRED_ON);
        assertThat(doc.setBy).containsEntry(ShelterFold.RETIREMENT, 3L);
        assertThat(doc.seq).isEqualTo(3);
        assertThat(doc.lastRecordedTime).as("asOf moves on with the retirement").isEqualTo(retired.recordedtime());
        assertThat(doc.name).isEqualTo("Casa");
        assertThat(doc.registered).isTrue();
    }

    @Test
    void aRedeliveredRetirementChangesNothing() {
        Map<String, ShelterDoc> store = new HashMap<>();
        poll(store, List.of(registered, retired));

        assertThat(poll(store, List.of(retired))).isEmpty();
        assertThat(store.get("s1").setBy).containsEntry(ShelterFold.RETIREMENT, 3L);
    }

    @Test
    void aRetirementReplayedFromTheDeadLetterTopicAfterALaterUpdateStillRetiresTheShelter() {
        Map<String, ShelterDoc> store = new HashMap<>();
        poll(store, List.of(registered, updated));

        assertThat(poll(store, List.of(retired))).as("the late retirement fills its gap").hasSize(1);

        ShelterDoc doc = store.get("s1");
        assertThat(doc.retired()).isTrue();
        assertThat(doc.name).as("the later update keeps the profile").isEqualTo("Casa nueva");
        assertThat(doc.seq).isEqualTo(4);
        assertThat(doc.gaps).extracting(g -> g.from + ".." + g.to).containsExactly("2..2");
    }

    @Test
    void aLateRegistrationAfterTheRetirementLeavesTheShelterRetired() {
        Map<String, ShelterDoc> store = new HashMap<>();
        poll(store, List.of(retired));
        assertThat(store.get("s1").retired()).as("known only from its retirement").isTrue();

        poll(store, List.of(registered));

        assertThat(store.get("s1").retired()).isTrue();
        assertThat(store.get("s1").name).isEqualTo("Casa");
    }

    @Test
    void anEarlierRetirementArrivingLateNeverOverwritesALaterOne() {
        Map<String, ShelterDoc> store = new HashMap<>();
        EventEnvelope<? extends ShelterEvent> again =
                at(5, new ShelterRetired("s1", "Test entry", RETIRED_ON.plusDays(1)));
        poll(store, List.of(registered, updated, again));

        poll(store, List.of(retired));

        assertThat(store.get("s1").retirement.reason).isEqualTo("Test entry");
        assertThat(store.get("s1").setBy).containsEntry(ShelterFold.RETIREMENT, 5L);
    }

    @Test
    void aRebuildFromOffsetZeroGivesTheSameDocumentAsTheLateRetirement() {
        // live: the retirement was dead-lettered, the update went on, then the DLT was re-driven
        Map<String, ShelterDoc> live = new HashMap<>();
        poll(live, List.of(registered));
        poll(live, List.of(updated));
        poll(live, List.of(retired));
        // rebuild: the original record in order, and the re-driven copy after the others
        Map<String, ShelterDoc> rebuilt = new HashMap<>();
        poll(rebuilt, List.of(registered, retired, updated, retired));

        assertThat(rebuilt.get("s1").retired()).isTrue();
        assertThat(rebuilt.get("s1")).usingRecursiveComparison()
                .isEqualTo(live.get("s1"));
    }
}
