package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * A partner of shelter A gets nothing of shelter B through any report, export, filter or the
 * audit: B's records are 403 (as is any id the partner does not act for, so ids cannot be probed),
 * every list, total and export counts A alone — in the store's query, so pages and totals are A's
 * too — and no filter (another state, corridor, or none) widens that.
 */
class PartnerIsolationIT extends ReportingIT {

    TwoShelters fed;
    String partnerOfA;

    @BeforeEach
    void feed() {
        fed = TwoShelters.feed(programme, today(), this::get);
        partnerOfA = ISSUER.partner("partner-of-a-" + fed.shelterA(), List.of(fed.shelterA()));
    }

    @Test
    void anotherShelterOrAnythingOfItIs403AndTheOwnShelterIsAnswered() {
        List<String> refused = List.of(
                "/api/reports/shelters/" + fed.shelterB(),
                "/api/reports/shelters/" + fed.shelterB() + "?state=MX-SON",
                "/api/reports/shelters/no-such-shelter",
                "/api/reports/agreements/" + fed.agreementB() + "/fulfilment",
                "/api/reports/agreements/no-such-agreement/fulfilment",
                "/api/audit/agreements/" + fed.agreementA(),
                "/api/audit/agreements/" + fed.agreementB(),
                "/api/audit/shipments/" + fed.shipmentB(),
                "/api/reports/rebuild");
        for (String path : refused) {
            HttpResponse<String> response = request("GET", path, partnerOfA);
            assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(EventJson.mapper().readTree(response.body()).path("type").asString())
                    .isEqualTo("urn:shelters:problem:forbidden");
            // nothing of B beyond the path the caller sent itself (the problem's instance)
            var problem = (tools.jackson.databind.node.ObjectNode) EventJson.mapper().readTree(response.body());
            problem.remove("instance");
            assertThat(problem.toString()).doesNotContain(fed.shelterB(), TwoShelters.NAME_B, fed.agreementB());
        }
        assertThat(request("POST", "/api/reports/rebuild", partnerOfA).statusCode()).isEqualTo(403);
        assertThat(get("/api/reports/shelters/" + fed.shelterA(), partnerOfA).get("data").get("name").asString())
                .isEqualTo(TwoShelters.NAME_A);
        assertThat(get("/api/reports/agreements/" + fed.agreementA() + "/fulfilment", partnerOfA).get("data")
                .get("shelterId").asString()).isEqualTo(fed.shelterA());
    }

    @Test
    void everyListTotalTrendAndExportCountsTheOwnShelterOnlyWhateverTheFilter() {
        for (String filter : List.of("", "state=MX-SON", "corridor=NORTHERN_BORDER", "donor=" + fed.donor(),
                "state=MX-SON&donor=" + fed.donor(), "category=MEDICINES", "phase=PHASE-1")) {
            String q = filter.isEmpty() ? "" : "?" + filter;
            String and = filter.isEmpty() ? "?" : "?" + filter + "&";

            JsonNode shelters = get("/api/reports/shelters" + and + "size=500", partnerOfA);
            assertThat(ids(shelters.get("items"), "shelterId")).as(filter).allMatch(fed.shelterA()::equals);
            assertThat(shelters.get("total").asLong()).as(filter).isLessThanOrEqualTo(1);

            JsonNode alerts = get("/api/reports/alerts" + and + "size=500", partnerOfA);
            assertThat(ids(alerts.get("items"), "shelterId")).as(filter).allMatch(fed.shelterA()::equals);

            JsonNode totals = get("/api/reports/programme" + q, partnerOfA).get("data").get("totals");
            assertThat(totals.get("shelters").asInt()).as(filter).isLessThanOrEqualTo(1);
            assertThat(accepted(totals)).as(filter).isIn(0, 45);
            for (String groupBy : List.of("state", "corridor", "donor", "phase", "category")) {
                JsonNode rows = get("/api/reports/programme" + and + "groupBy=" + groupBy, partnerOfA).get("data").get("rows");
                assertThat(rows.toString()).as(groupBy + " " + filter).doesNotContain("MX-SON", "NORTHERN_BORDER");
            }

            JsonNode delivery = get("/api/reports/delivery-performance" + q, partnerOfA).get("data");
            assertThat(delivery.get("overall").get("deliveries").asInt()).as(filter).isLessThanOrEqualTo(1);
            assertThat(delivery.toString()).doesNotContain("MX-SON");

            long trend = get("/api/reports/arrivals-trend" + q, partnerOfA).get("data").valueStream()
                    .mapToLong(d -> d.get("arrivals").asLong()).sum();
            assertThat(trend).as("A's arrivals only (2 last month, 10 today), never B's: " + filter).isIn(0L, 2L, 10L, 12L);

            for (String export : List.of("/api/reports/exports/3w.csv", "/api/reports/exports/shelters.csv")) {
                HttpResponse<String> csv = request("GET", export + q, partnerOfA);
                assertThat(csv.statusCode()).as(export + q).isEqualTo(200);
                List<String> rows = Arrays.asList(csv.body().split("\r\n"));
                assertThat(rows.subList(2, rows.size())).as(export + q).allMatch(r -> r.contains(fed.shelterA()));
                assertThat(csv.body()).doesNotContain(fed.shelterB(), TwoShelters.NAME_B);
            }
        }
        // the own shelter is there unfiltered, and the page and total are counted after the scope
        JsonNode all = get("/api/reports/shelters?size=1", partnerOfA);
        assertThat(all.get("total").asLong()).isEqualTo(1);
        assertThat(all.get("items").get(0).get("shelterId").asString()).isEqualTo(fed.shelterA());
        assertThat(get("/api/reports/shelters?page=1&size=1", partnerOfA).get("items")).isEmpty();
        JsonNode totals = get("/api/reports/programme?donor=" + fed.donor(), partnerOfA).get("data").get("totals");
        assertThat(totals.get("peopleReceived").asLong()).as("A's 2 + 10, not B's").isEqualTo(12);
        assertThat(accepted(totals)).isEqualTo(45);
    }

    @Test
    void aPartnerOfBothSeesBothAndAPartnerOfNoneSeesNothing() {
        String ofBoth = ISSUER.partner("partner-of-both", List.of(fed.shelterA(), fed.shelterB()));
        assertThat(get("/api/reports/programme?donor=" + fed.donor(), ofBoth).get("data").get("totals").get("shelters").asInt())
                .isEqualTo(2);
        assertThat(request("GET", "/api/reports/shelters/" + fed.shelterB(), ofBoth).statusCode()).isEqualTo(200);

        String ofNone = ISSUER.token("partner-of-none", List.of("SHELTER_PARTNER"), null);
        assertThat(get("/api/reports/shelters", ofNone).get("total").asLong()).isZero();
        assertThat(get("/api/reports/programme", ofNone).get("data").get("totals").get("shelters").asInt()).isZero();
        assertThat(request("GET", "/api/reports/shelters/" + fed.shelterA(), ofNone).statusCode()).isEqualTo(403);
        assertThat(request("GET", "/api/reports/exports/shelters.csv", ofNone).body().split("\r\n")).hasSize(2);
    }

    private static List<String> ids(JsonNode items, String field) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get(field).asString()));
        return ids;
    }

    /** Accepted over the totals' units (the tests' lines share one unit); 0 when nothing is committed. */
    private static int accepted(JsonNode totals) {
        return totals.get("quantities").valueStream().mapToInt(q -> q.get("accepted").decimalValue().intValue()).sum();
    }
}
