package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConcurrencyAndDocsIT extends IntegrationTest {

    @Test
    void ofConcurrentSigningsForTheSameShelterProgrammeAndPhaseExactlyOneWins() {
        String shelterId = register("Albergue Demo Saltillo", "MX-COA", "NORTHERN_BORDER", 100);
        List<String> drafts = IntStream.range(0, 4).mapToObj(i -> draft(shelterId, "2")).toList();
        List<Integer> statuses = signAllAtOnce(drafts);

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        JsonNode signed = http().get("/api/agreements?shelterId=" + shelterId + "&status=SIGNED").json();
        assertThat(signed.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void concurrentSigningsOfTheSameDraftKeepTheSlotHeld() {
        String shelterId = register("Albergue Demo Monclova", "MX-COA", "NORTHERN_BORDER", 100);
        String id = draft(shelterId, "2");
        List<Integer> statuses = signAllAtOnce(IntStream.range(0, 8).mapToObj(i -> id).toList());

        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        // the losers of the race must not give back the slot the winner holds
        String rival = draft(shelterId, "2");
        assertThat(http().post("/api/agreements/" + rival + "/sign", null).status()).isEqualTo(409);
    }

    @Test
    void concurrentUpdatesOfOneAgreementNeverBothWin() {
        String id = draft(register("Albergue Demo Torreón", "MX-COA", "NORTHERN_BORDER", 100), "2");
        http().post("/api/agreements/" + id + "/sign", null);
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<Integer>> suspensions = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return http().post("/api/agreements/" + id + "/suspend", java.util.Map.of("reason", "audit " + i)).status();
        })).toList();
        start.countDown();
        List<Integer> statuses = suspensions.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(http().get("/api/agreements/" + id).header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void theOpenApiDocumentDescribesTheShelterAndAgreementEndpoints() {
        Http.Response docs = http().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/shelters")).isTrue();
        assertThat(paths.has("/api/shelters/{shelterId}/arrivals")).isTrue();
        assertThat(paths.has("/api/agreements/{agreementId}/amend")).isTrue();
        assertThat(paths.has("/api/agreements/{agreementId}/trainings")).isTrue();
    }

    /** Sends one signing per id, all released at the same instant, and returns their statuses. */
    private List<Integer> signAllAtOnce(List<String> agreementIds) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> signings = agreementIds.stream().map(id -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return http().post("/api/agreements/" + id + "/sign", null).status();
        })).toList();
        start.countDown();
        return signings.stream().map(CompletableFuture::join).toList();
    }
}
