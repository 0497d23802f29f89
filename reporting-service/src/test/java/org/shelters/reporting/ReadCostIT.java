package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.Scope;
import org.shelters.reporting.report.FilterParams;
import org.shelters.reporting.report.ReportsController;
import org.shelters.reporting.rollup.ReadModels;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a report request costs, counted (not timed): the documents the store returns to it. The
 * controller is called on the test's thread, so only its own reads are counted. Between the two
 * measurements the programme grows by 27 shelters with twice the days each; a question about one
 * shelter, one agreement or one page reads the same documents at both sizes, and a programme
 * total reads one document per shelter, never its days.
 */
class ReadCostIT extends ReportingIT {

    private static final FilterParams NONE = new FilterParams(null, null, null, null, null, null, null, null);

    @Autowired
    ReportsController reports;
    @Autowired
    ReportReader reader;
    @Autowired
    ProjectionStore store;
    @Autowired
    Generations generations;

    @Test
    void aShelterAnAgreementAndAPageReadTheSameAtAnySizeAndTotalsReadOneDocumentPerShelter() {
        String donor = id("Cost donor");
        List<String[]> small = grow(donor, 3, 20);
        String shelter = small.get(0)[0];
        String agreement = small.get(0)[1];
        FilterParams ofDonor = new FilterParams(null, null, donor, null, null, null, null, null);
        Map<String, Long> before = costs(shelter, agreement, ofDonor);

        List<String[]> large = grow(donor, 27, 45);
        Map<String, Long> after = costs(shelter, agreement, ofDonor);

        assertThat(after.get("shelter")).as("one shelter").isEqualTo(before.get("shelter")).isLessThanOrEqualTo(4);
        assertThat(after.get("fulfilment")).as("one agreement").isEqualTo(before.get("fulfilment")).isLessThanOrEqualTo(3);
        assertThat(after.get("page")).as("a page of 2").isEqualTo(before.get("page")).isLessThanOrEqualTo(10);
        assertThat(after.get("partnerProgramme")).as("a partner's totals").isEqualTo(before.get("partnerProgramme"));

        long days = 3 * 20 + 27 * 45;
        long rollups = store.count(ReadModels.ROLLUPS, generations.active(), new Document());
        System.out.println("documents read per request, 3 shelters: " + before + "; 30 shelters: " + after
                + "; shelters in the store: " + rollups);
        assertThat(after.get("programme")).as("the programme's totals: a document per shelter and the asOf")
                .isLessThanOrEqualTo(rollups + 1);
        assertThat(after.get("programme") - before.get("programme")).as("27 more shelters, 27 more documents")
                .isEqualTo(27);
        assertThat(after.get("donorProgramme")).as("a donor's totals: its 30 shelters and the asOf").isEqualTo(31)
                .isLessThan(days);
        assertThat(after.get("deliveryPerformance") - before.get("deliveryPerformance")).isEqualTo(27);
        assertThat(after.get("alerts") - before.get("alerts")).isEqualTo(27);
        assertThat(after.get("trend")).as("a donor's 30-day trend: its shelters and at most two months of each")
                .isLessThanOrEqualTo(1 + 30 + 2 * 30);
        assertThat(large).hasSize(27);
    }

    /** Documents returned by the store to each request of one size of the programme. */
    private Map<String, Long> costs(String shelter, String agreement, FilterParams ofDonor) {
        Map<String, Long> costs = new java.util.LinkedHashMap<>();
        costs.put("shelter", count(() -> reports.shelter(shelter, NONE)));
        costs.put("fulfilment", count(() -> reports.fulfilment(agreement)));
        costs.put("page", count(() -> reports.shelters(ofDonor, 0, 2)));
        costs.put("programme", count(() -> reports.programme(NONE, "state")));
        costs.put("donorProgramme", count(() -> reports.programme(ofDonor, "state")));
        costs.put("deliveryPerformance", count(() -> reports.deliveryPerformance(NONE)));
        costs.put("alerts", count(() -> reports.alerts(NONE, null, 0, 10)));
        costs.put("trend", count(() -> reports.arrivalsTrend(ofDonor)));
        costs.put("partnerProgramme", count(() -> reader.shelters(Scope.of(Set.of(shelter)), ReportFilter.NONE,
                ReportReader.Days.edgesOf(today().minusDays(10), today()))));
        return costs;
    }

    private static long count(Supplier<?> request) {
        return ProjectionStore.counting(request).documents();
    }

    /** {@code shelters} new shelters of {@code donor}, each with {@code days} days, an agreement and a delivery. */
    private List<String[]> grow(String donor, int shelters, int days) {
        List<String[]> created = new ArrayList<>();
        LocalDate today = today();
        Instant dispatched = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < shelters; i++) {
            String shelterId = id("cost");
            String agreementId = id("cost-agreement");
            String shipmentId = id("cost-shipment");
            programme.send(shelter(shelterId, "Casa " + shelterId, "MX-ZAC", Corridor.CENTRE, 50));
            for (int d = days - 1; d >= 0; d--) {
                programme.send(arrivals(shelterId, today.minusDays(d), 1, 10 + d % 7, 3, 4, 1, 2, 30));
            }
            programme.send(signed(agreementId, shelterId, donor, "PHASE-1", terms(today.minusDays(60),
                    today.plusDays(300), "1000", line("L1", SupplyCategory.HYGIENE_PRODUCTS, "100"))));
            programme.send(dispatched(shipmentId, agreementId, shelterId, dispatched,
                    shipmentLine("S1", "L1", SupplyCategory.HYGIENE_PRODUCTS, "40")));
            programme.send(delivered(shipmentId, agreementId, shelterId, dispatched, dispatched.plusSeconds(3_600),
                    deliveredLine("S1", "L1", SupplyCategory.HYGIENE_PRODUCTS, "40", "38", "2", RejectionReason.DAMAGED)));
            created.add(new String[] {shelterId, agreementId, shipmentId});
        }
        programme.flush();
        String last = created.get(created.size() - 1)[0];
        String lastAgreement = created.get(created.size() - 1)[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var overview = request("GET", "/api/reports/shelters/" + last);
            var fulfilment = request("GET", "/api/reports/agreements/" + lastAgreement + "/fulfilment");
            return overview.statusCode() == 200 && fulfilment.statusCode() == 200
                    && get("/api/reports/shelters/" + last).get("data").get("lastDeliveryDate").isTextual()
                    && get("/api/reports/shelters/" + last).get("data").get("arrivals").get("today").get("days").asInt() == 1
                    && get("/api/reports/agreements/" + lastAgreement + "/fulfilment").get("data").get("lines").get(0)
                    .get("accepted").asInt() == 38;
        });
        // every shelter of the batch is in (each shelter's events are in order; the last one's may not be the slowest)
        await().atMost(Duration.ofSeconds(60)).until(() -> created.stream().allMatch(c ->
                get("/api/reports/shelters/" + c[0]).get("data").get("arrivals").get("today").get("days").asInt() == 1
                        && get("/api/reports/shelters/" + c[0]).get("data").get("lastDeliveryDate").isTextual()));
        return created;
    }
}
