package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.logistics.it.LogisticsHarness.json;
import static org.shelters.logistics.it.LogisticsHarness.line;
import static org.shelters.logistics.it.LogisticsHarness.logisticsEvents;
import static org.shelters.logistics.it.LogisticsHarness.plan;
import static org.shelters.logistics.it.LogisticsHarness.publish;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventMetadata;
import org.shelters.events.Events;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.testsupport.TestIssuer;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Every logistics event records who caused it ({@code actorid}, {@code actorrole}; an opaque
 * subject id and a role, nothing else about the person): the caller of the HTTP command, and for a
 * reaction to an agreements.v1 event (planned shipments cancelled because the agreement was
 * terminated) the actor of that original event, not logistics itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class EventActorsIT extends RunningLogistics {

    @Test
    void aCommandsEventRecordsTheCallerAndAReactionRecordsTheActorOfTheEventThatCausedIt() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        LogisticsHarness.Response planned = api.as("LOGISTICS_OFFICER").post("/api/shipments",
                plan(agreementId, shelterId, List.of(line("C-HYG", 5))));
        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(201);
        String shipmentId = planned.body().get("shipmentId").asString();

        JsonNode plannedEvent = json(logisticsEvents(shipmentId, 1).get(0));
        assertThat(plannedEvent.get("type").asString()).isEqualTo("ShipmentPlanned");
        assertThat(plannedEvent.get("actorid").asString()).isEqualTo(TestIssuer.subjectOf("LOGISTICS_OFFICER"));
        assertThat(plannedEvent.get("actorrole").asString()).isEqualTo("LOGISTICS_OFFICER");

        // the programme officer who terminated the agreement, as agreements-service would record them
        String programmeOfficer = "subject-" + UUID.randomUUID();
        Instant now = Instant.now();
        EventEnvelope<AgreementEvent> termination = Events.envelope("/agreements-service",
                new AgreementTerminated(agreementId, shelterId, "shelter closed"), 2,
                new EventMetadata("corr-" + UUID.randomUUID(), null, null, programmeOfficer, "PROGRAMME_OFFICER"), now, now);
        assertThat(termination.actorid()).isEqualTo(programmeOfficer);
        publish(termination);

        JsonNode cancelled = json(logisticsEvents(shipmentId, 2).get(1));
        assertThat(cancelled.get("type").asString()).isEqualTo("ShipmentCancelled");
        assertThat(cancelled.at("/data/automatic").asBoolean()).isTrue();
        assertThat(cancelled.get("causationid").asString()).isEqualTo(termination.id().toString());
        assertThat(cancelled.get("actorid").asString()).as("the original actor, not logistics").isEqualTo(programmeOfficer);
        assertThat(cancelled.get("actorrole").asString()).isEqualTo("PROGRAMME_OFFICER");
    }

    @Test
    void aReactionToAnEventThatNamesNoActorIsRecordedAsLogisticsOwnSystemWork() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        LogisticsHarness.Response planned = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 5))));
        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(201);
        String shipmentId = planned.body().get("shipmentId").asString();
        assertThat(json(logisticsEvents(shipmentId, 1).get(0)).get("actorrole").asString()).isEqualTo("ADMIN");

        // an event written before events carried their actor
        Instant now = Instant.now();
        publish(Events.envelope("/agreements-service", new AgreementTerminated(agreementId, shelterId, "shelter closed"), 2,
                new EventMetadata("corr-" + UUID.randomUUID(), null, null), now, now));

        JsonNode cancelled = json(logisticsEvents(shipmentId, 2).get(1));
        assertThat(cancelled.get("type").asString()).isEqualTo("ShipmentCancelled");
        assertThat(cancelled.get("actorid").asString()).isEqualTo("system:logistics-service");
        assertThat(cancelled.get("actorrole").asString()).isEqualTo("SYSTEM");
    }
}
