package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.logistics.it.LogisticsHarness.envelope;
import static org.shelters.logistics.it.LogisticsHarness.line;
import static org.shelters.logistics.it.LogisticsHarness.plan;
import static org.shelters.logistics.it.LogisticsHarness.publish;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.AgreementCompleted;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementExpired;
import org.shelters.events.agreements.AgreementResumed;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class AgreementReplicaIT extends RunningLogistics {

    @Autowired
    MongoTemplate mongo;


    @Test
    void suspensionCancelsPlannedAndFlagsDispatchedShipmentsAndAnOldSuspensionRedeliveredAfterResumptionChangesNothing()
            throws Exception {
        api.signAndAwait(agreementId, shelterId);
        String inTransit = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-CON", 10))))
                .body().get("shipmentId").asString();
        assertThat(api.post("/api/shipments/" + inTransit + "/dispatch", Map.of("carrier", "Castores")).status()).isEqualTo(200);
        var suspension = envelope(new AgreementSuspended(agreementId, shelterId, "financial audit"), 2);
        publish(suspension);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/shipments/" + inTransit).body().get("followUp").asBoolean());
        assertThat(api.get("/api/shipments/" + inTransit).body().get("followUpReason").asString()).contains("financial audit");

        publish(envelope(new AgreementResumed(agreementId, shelterId), 3));
        api.awaitReplica(agreementId, 3);
        String plannedAfterResume = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-CON", 10))))
                .body().get("shipmentId").asString();

        // a re-publication of the old suspension (new event id, old sequence) must not cancel anything
        publish(envelope(new AgreementSuspended(agreementId, shelterId, "financial audit"), 2),
                envelope(new org.shelters.events.agreements.TrainingSessionDelivered(agreementId, shelterId, "ts-9",
                        org.shelters.events.agreements.TrainingTopic.HUMAN_TRAFFICKING, java.time.LocalDate.now(), 3, 3), 4));
        api.awaitReplica(agreementId, 4);
        assertThat(api.get("/api/shipments/" + plannedAfterResume).body().get("status").asString()).isEqualTo("PLANNED");
        assertThat(api.get("/api/agreements/" + agreementId + "/outstanding").body().get("status").asString())
                .isEqualTo("SIGNED");
    }

    @Test
    void expiryCancelsPlannedShipmentsAndFlagsDispatchedOnesForFollowUp() throws Exception {
        agreementThatStopsCancelsPlannedAndFlagsDispatched(new AgreementExpired(agreementId, shelterId, LocalDate.now()),
                "agreement expired");
    }

    @Test
    void completionCancelsPlannedShipmentsAndFlagsDispatchedOnesForFollowUp() throws Exception {
        agreementThatStopsCancelsPlannedAndFlagsDispatched(new AgreementCompleted(agreementId, shelterId),
                "agreement completed");
    }

    private void agreementThatStopsCancelsPlannedAndFlagsDispatched(AgreementEvent stop, String why) throws Exception {
        api.signAndAwait(agreementId, shelterId);
        String planned = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 5))))
                .body().get("shipmentId").asString();
        String dispatched = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-CON", 10))))
                .body().get("shipmentId").asString();
        assertThat(api.post("/api/shipments/" + dispatched + "/dispatch", Map.of("carrier", "Castores")).status()).isEqualTo(200);

        publish(envelope(stop, 2));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/shipments/" + planned).body().get("status").asString().equals("CANCELLED"));
        JsonNode cancelled = api.get("/api/shipments/" + planned).body();
        assertThat(cancelled.get("cancelledAutomatically").asBoolean()).isTrue();
        assertThat(cancelled.get("cancellationReason").asString()).contains(why);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/shipments/" + dispatched).body().get("followUp").asBoolean());
        JsonNode flagged = api.get("/api/shipments/" + dispatched).body();
        assertThat(flagged.get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(flagged.get("followUpReason").asString()).contains(why);
    }

    @Test
    void anEventAfterAGapInSequenceIsAppliedAndCounted() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        String planned = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 5))))
                .body().get("shipmentId").asString();
        publish(envelope(new AgreementTerminated(agreementId, shelterId, "closed"), 5));
        api.awaitReplica(agreementId, 5);
        JsonNode replica = api.get("/api/agreements/" + agreementId + "/outstanding").body();
        assertThat(replica.get("status").asString()).isEqualTo("TERMINATED");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/shipments/" + planned).body().get("status").asString().equals("CANCELLED"));
    }

    @Test
    void twoConcurrentPlansCannotBothSpendTheSameOutstandingQuantity() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        Map<String, Object> everything = plan(agreementId, shelterId, List.of(line("C-EQP", 4)));
        List<CompletableFuture<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            attempts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return api.post("/api/shipments", everything).status();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses).allMatch(s -> s == 201 || s == 409 || s == 422);
        JsonNode equipment = api.get("/api/agreements/" + agreementId + "/outstanding").body().get("lines").get(2);
        assertThat(equipment.get("planned").decimalValue()).isEqualByComparingTo("4");
        assertThat(equipment.get("outstanding").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aPlanningClaimHeldByAnotherPlanRefusesAndOneLeftByACrashedPlanIsTakenOverAfterItsLease() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        MongoCollection<Document> claims = mongo.getCollection("planning_claims");
        claims.insertOne(new Document("_id", agreementId).append("claimedAt", new Date()).append("holder", "in-flight"));
        LogisticsHarness.Response refused = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 1))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:shelters:problem:version-conflict");

        claims.updateOne(Filters.eq("_id", agreementId), Updates.set("claimedAt", Date.from(Instant.now().minusSeconds(60))));
        assertThat(api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 1)))).status()).isEqualTo(201);
        assertThat(claims.countDocuments(Filters.eq("_id", agreementId))).as("released after the plan").isZero();
    }

    @Test
    void theApiIsDocumentedAndTheServiceReportsHealth() throws Exception {
        JsonNode docs = api.get("/v3/api-docs").body();
        assertThat(docs.get("paths").has("/api/shipments")).isTrue();
        assertThat(docs.get("paths").has("/api/shipments/{shipmentId}/deliver")).isTrue();
        assertThat(docs.get("paths").has("/api/agreements/{agreementId}/outstanding")).isTrue();
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    }
}
