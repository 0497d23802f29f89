package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.*;

import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.shelters.Corridor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Who did what to an agreement or a shipment, for operations: the events' type, times, actor and
 * correlation, oldest first, paged, nothing of their payload; kept from the live events in a
 * collection of its own, recorded once per event, and kept — and filled in — by a rebuild.
 */
class AuditIT extends ReportingIT {

    @Autowired
    MongoTemplate mongo;

    @Test
    void theTrailSaysWhoDidWhatOldestFirstAndSurvivesARebuild() {
        String shelterId = id("shelter");
        String agreementId = id("agreement");
        String shipmentId = id("shipment");
        LocalDate today = today();
        var terms = terms(today.minusDays(5), today.plusDays(60), "7000", line("L1", SupplyCategory.MEDICINES, "40"));
        programme.send(shelter(shelterId, "Casa Audit", "MX-OAX", Corridor.SOUTHERN_BORDER, 20));
        EventEnvelope<?> drafted = programme.sendAs(drafted(agreementId, shelterId, "Audit donor", "PHASE-1", terms),
                "subject-of-officer", "PROGRAMME_OFFICER", "corr-draft");
        programme.sendAs(signed(agreementId, shelterId, "Audit donor", "PHASE-1", terms), "subject-of-officer",
                "PROGRAMME_OFFICER", "corr-sign");
        programme.sendAs(amended(agreementId, shelterId, 1, terms), "subject-of-admin", "ADMIN", "corr-amend");
        Instant dispatchedAt = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        programme.sendAs(dispatched(shipmentId, agreementId, shelterId, dispatchedAt,
                shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "40")), "subject-of-logistics", "LOGISTICS_OFFICER", "corr-ship");
        programme.flush();
        String operations = as("OPERATIONS");
        await().atMost(Duration.ofSeconds(30)).until(() -> request("GET", "/api/audit/agreements/" + agreementId, operations)
                .statusCode() == 200 && get("/api/audit/agreements/" + agreementId, operations).get("total").asInt() == 3);

        JsonNode trail = get("/api/audit/agreements/" + agreementId, operations);
        assertThat(trail.get("aggregate").asString()).isEqualTo("agreement");
        assertThat(trail.get("aggregateId").asString()).isEqualTo(agreementId);
        JsonNode items = trail.get("items");
        assertThat(items.valueStream().map(i -> i.get("type").asString()).toList())
                .containsExactly("AgreementDrafted", "AgreementSigned", "AgreementAmended");
        assertThat(items.valueStream().map(i -> i.get("sequence").asLong()).toList()).containsExactly(1L, 2L, 3L);
        assertThat(items.valueStream().map(i -> i.get("actorRole").asString()).toList())
                .containsExactly("PROGRAMME_OFFICER", "PROGRAMME_OFFICER", "ADMIN");
        JsonNode first = items.get(0);
        assertThat(first.get("eventId").asString()).isEqualTo(drafted.id().toString());
        assertThat(first.get("actorId").asString()).isEqualTo("subject-of-officer");
        assertThat(first.get("correlationId").asString()).isEqualTo("corr-draft");
        assertThat(Instant.parse(first.get("time").asString())).isEqualTo(drafted.time().truncatedTo(ChronoUnit.MILLIS));
        assertThat(first.get("recordedTime").isNull()).isFalse();
        assertThat(first.propertyNames()).as("who, what and when; nothing of the payload")
                .containsExactlyInAnyOrder("eventId", "aggregate", "aggregateId", "sequence", "type", "time",
                        "recordedTime", "actorId", "actorRole", "correlationId", "causationId");
        assertThat(trail.toString()).doesNotContain("Audit donor", "7000", shelterId);

        JsonNode second = get("/api/audit/agreements/" + agreementId + "?page=1&size=1", operations);
        assertThat(second.get("total").asInt()).isEqualTo(3);
        assertThat(second.get("items").get(0).get("type").asString()).isEqualTo("AgreementSigned");
        await().atMost(Duration.ofSeconds(30)).until(() -> request("GET", "/api/audit/shipments/" + shipmentId, operations)
                .statusCode() == 200);
        JsonNode shipment = get("/api/audit/shipments/" + shipmentId, operations);
        assertThat(shipment.get("items").get(0).get("type").asString()).isEqualTo("SuppliesDispatched");
        assertThat(shipment.get("items").get(0).get("actorRole").asString()).isEqualTo("LOGISTICS_OFFICER");
        assertThat(request("GET", "/api/audit/agreements/" + id("nobody"), operations).statusCode()).isEqualTo(404);
        assertThat(request("GET", "/api/audit/agreements/" + agreementId + "?colour=red", operations).statusCode())
                .as("an unknown parameter is refused, as in the reports").isEqualTo(400);

        // an entry lost (as if the trail had been created after the event): a rebuild fills it in and adds nothing twice
        mongo.getCollection("audit_trail").deleteOne(Filters.eq("_id", drafted.id().toString()));
        assertThat(get("/api/audit/agreements/" + agreementId, operations).get("total").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(get("/api/reports/rebuild", operations)
                .get("state").asString()));
        assertThat(request("POST", "/api/reports/rebuild", operations).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> "DONE".equals(get("/api/reports/rebuild", operations)
                .get("state").asString()));
        JsonNode rebuilt = get("/api/audit/agreements/" + agreementId, operations);
        assertThat(rebuilt.get("total").asInt()).isEqualTo(3);
        assertThat(rebuilt.get("items")).isEqualTo(items);
        assertThat(mongo.getCollection("audit_trail").countDocuments(Filters.eq("aggregateId", agreementId))).isEqualTo(3);
        assertThat(List.of(get("/api/audit/shipments/" + shipmentId, operations).get("total").asInt())).containsExactly(1);
    }
}
