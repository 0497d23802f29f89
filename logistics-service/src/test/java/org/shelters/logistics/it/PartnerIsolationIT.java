package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.logistics.it.LogisticsHarness.ISSUER;
import static org.shelters.logistics.it.LogisticsHarness.json;
import static org.shelters.logistics.it.LogisticsHarness.line;
import static org.shelters.logistics.it.LogisticsHarness.logisticsEvents;
import static org.shelters.logistics.it.LogisticsHarness.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * A shelter partner acts for its own shelters only, through every endpoint: shipments to shelters
 * A and B under two signed agreements; a partner of A confirms A's delivery (and the event records
 * the partner as its actor) and is refused with 403 on everything of B — the delivery, each
 * shipment, B's outstanding quantities, a list filter naming B — while its lists, filtered in the
 * store before paging, show A's shipments and nothing else. Unknown ids stay 404.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class PartnerIsolationIT extends RunningLogistics {

    private String agreementB;
    private String shelterB;
    private String partnerA;
    private LogisticsHarness asPartnerA;
    private String dispatchedA;
    private String plannedA;
    private String dispatchedB;
    private String plannedB;

    @BeforeEach
    void twoSheltersWithShipments() throws Exception {
        agreementB = "agr-" + UUID.randomUUID();
        shelterB = "shelter-" + UUID.randomUUID();
        api.signAndAwait(agreementId, shelterId);
        api.signAndAwait(agreementB, shelterB);
        dispatchedA = dispatched(agreementId, shelterId);
        plannedA = planned(agreementId, shelterId);
        dispatchedB = dispatched(agreementB, shelterB);
        plannedB = planned(agreementB, shelterB);
        partnerA = "partner-a-" + UUID.randomUUID();
        asPartnerA = api.withToken(() -> ISSUER.partner(partnerA, List.of(shelterId)));
    }

    @Test
    void aPartnerConfirmsItsOwnShelterDeliveryAsTheRecordedActorAndIsRefusedAnotherShelters() throws Exception {
        LogisticsHarness.Response own = asPartnerA.post("/api/shipments/" + dispatchedA + "/deliver", delivery());
        assertThat(own.status()).as(own.body().toString()).isEqualTo(200);
        assertThat(own.body().get("status").asString()).isEqualTo("DELIVERED");

        JsonNode delivered = json(logisticsEvents(dispatchedA, 3).get(2));
        assertThat(delivered.get("type").asString()).isEqualTo("SuppliesDelivered");
        assertThat(delivered.get("actorid").asString()).isEqualTo(partnerA);
        assertThat(delivered.get("actorrole").asString()).isEqualTo("SHELTER_PARTNER");

        long versionB = api.get("/api/shipments/" + dispatchedB).body().get("version").asLong();
        forbidden(asPartnerA.post("/api/shipments/" + dispatchedB + "/deliver", delivery()));
        // nothing about B's shipment leaks through the order of checks: a stale If-Match is 403 as well, not 409
        forbidden(asPartnerA.post("/api/shipments/" + dispatchedB + "/deliver", delivery(), Map.of("If-Match", "\"99\"")));
        forbidden(asPartnerA.post("/api/shipments/" + dispatchedB + "/deliver", delivery(),
                Map.of("Idempotency-Key", "pod-" + UUID.randomUUID())));
        JsonNode b = api.get("/api/shipments/" + dispatchedB).body();
        assertThat(b.get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(b.get("version").asLong()).isEqualTo(versionB);
        assertThat(logisticsEvents(dispatchedB, 2)).as("no event for B's shipment beyond plan and dispatch").hasSize(2);

        // an unknown shipment is 404, as for anyone who may confirm deliveries
        assertThat(asPartnerA.post("/api/shipments/shp-" + UUID.randomUUID() + "/deliver", delivery()).status()).isEqualTo(404);
        // planning, dispatching and cancelling are not a partner's, not even for its own shelter
        forbidden(asPartnerA.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 1)))));
        forbidden(asPartnerA.post("/api/shipments/" + plannedA + "/dispatch", Map.of("carrier", "Estafeta")));
        forbidden(asPartnerA.post("/api/shipments/" + plannedA + "/cancel", Map.of("reason", "not mine to cancel")));
    }

    @Test
    void aPartnerReadsItsOwnShelterAndGets403OnEveryReadOfAnotherShelter() throws Exception {
        assertThat(asPartnerA.get("/api/shipments/" + dispatchedA).status()).isEqualTo(200);
        assertThat(asPartnerA.get("/api/shipments/" + plannedA).status()).isEqualTo(200);
        LogisticsHarness.Response outstandingA = asPartnerA.get("/api/agreements/" + agreementId + "/outstanding");
        assertThat(outstandingA.status()).isEqualTo(200);
        assertThat(outstandingA.body().get("shelterId").asString()).isEqualTo(shelterId);

        forbidden(asPartnerA.get("/api/shipments/" + dispatchedB));
        forbidden(asPartnerA.get("/api/shipments/" + plannedB));
        forbidden(asPartnerA.get("/api/agreements/" + agreementB + "/outstanding"));
        forbidden(asPartnerA.get("/api/shipments?shelterId=" + shelterB));
        forbidden(asPartnerA.get("/api/shipments?shelterId=" + shelterB + "&agreementId=" + agreementB + "&status=PLANNED"));

        assertThat(asPartnerA.get("/api/shipments/shp-" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(asPartnerA.get("/api/agreements/agr-" + UUID.randomUUID() + "/outstanding").status()).isEqualTo(404);
    }

    @Test
    void aPartnersListsShowOnlyItsOwnSheltersShipmentsCountedBeforePaging() throws Exception {
        JsonNode all = asPartnerA.get("/api/shipments?size=500").body();
        assertThat(all.get("total").asLong()).as("A's two shipments, whatever else the store holds").isEqualTo(2);
        assertThat(shipmentIds(all)).containsExactlyInAnyOrder(dispatchedA, plannedA);
        assertThat(shelters(all)).containsOnly(shelterId);

        JsonNode firstPage = asPartnerA.get("/api/shipments?size=1&page=0").body();
        JsonNode secondPage = asPartnerA.get("/api/shipments?size=1&page=1").body();
        assertThat(firstPage.get("total").asLong()).isEqualTo(2);
        assertThat(shipmentIds(firstPage)).hasSize(1);
        assertThat(shipmentIds(secondPage)).hasSize(1).doesNotContainAnyElementsOf(shipmentIds(firstPage));
        assertThat(asPartnerA.get("/api/shipments?size=1&page=2").body().get("items")).isEmpty();

        assertThat(shipmentIds(asPartnerA.get("/api/shipments?shelterId=" + shelterId).body()))
                .containsExactlyInAnyOrder(dispatchedA, plannedA);
        assertThat(shipmentIds(asPartnerA.get("/api/shipments?status=DISPATCHED").body())).containsExactly(dispatchedA);
        // another shelter's agreement as a filter finds nothing (the agreement id names no shelter of the caller's)
        assertThat(asPartnerA.get("/api/shipments?agreementId=" + agreementB).body().get("total").asLong()).isZero();

        // a partner of both shelters sees both; one whose token names no shelter sees nothing and reads nothing
        LogisticsHarness ofBoth = api.withToken(() -> ISSUER.partner("partner-ab-" + UUID.randomUUID(), List.of(shelterId, shelterB)));
        assertThat(shipmentIds(ofBoth.get("/api/shipments?size=500").body()))
                .containsExactlyInAnyOrder(dispatchedA, plannedA, dispatchedB, plannedB);
        LogisticsHarness ofNone = api.withToken(() -> ISSUER.token("partner-none-" + UUID.randomUUID(),
                List.of("SHELTER_PARTNER"), null));
        assertThat(ofNone.get("/api/shipments").body().get("total").asLong()).isZero();
        forbidden(ofNone.get("/api/shipments/" + plannedA));
        forbidden(ofNone.post("/api/shipments/" + dispatchedA + "/deliver", delivery()));

        // a programme-wide role sees every shelter: the logistics officer finds B's shipments
        assertThat(shipmentIds(api.as("LOGISTICS_OFFICER").get("/api/shipments?shelterId=" + shelterB).body()))
                .containsExactlyInAnyOrder(dispatchedB, plannedB);
    }

    private static void forbidden(LogisticsHarness.Response response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asString()).isEqualTo("urn:shelters:problem:forbidden");
        assertThat(response.body().toString()).as("a refusal names nothing of the object").doesNotContain("shelter-");
    }

    private static List<String> shipmentIds(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(i -> i.get("shipmentId").asString()).toList();
    }

    private static List<String> shelters(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(i -> i.get("shelterId").asString()).toList();
    }

    private static Map<String, Object> delivery() {
        return Map.of("receivedAt", Instant.now().toString(), "receivedByRole", "shelter coordinator",
                "lines", List.of(Map.of("lineId", "L1", "quantityAccepted", 5)));
    }

    private String planned(String agreement, String shelter) throws Exception {
        LogisticsHarness.Response planned = api.post("/api/shipments", plan(agreement, shelter, List.of(line("C-HYG", 5))));
        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(201);
        return planned.body().get("shipmentId").asString();
    }

    private String dispatched(String agreement, String shelter) throws Exception {
        String shipmentId = planned(agreement, shelter);
        LogisticsHarness.Response dispatched = api.post("/api/shipments/" + shipmentId + "/dispatch",
                Map.of("carrier", "Estafeta", "dispatchedAt", Instant.now().minusSeconds(600).toString()));
        assertThat(dispatched.status()).as(dispatched.body().toString()).isEqualTo(200);
        return shipmentId;
    }
}
