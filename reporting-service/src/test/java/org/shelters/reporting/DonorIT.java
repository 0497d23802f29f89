package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventJson;
import org.shelters.reporting.access.DonorDisclosure;
import tools.jackson.databind.JsonNode;

/**
 * A donor reads programme-level figures only: no per-shelter record, no per-day count of any
 * group (vulnerable or not) in any JSON report it can reach, counts of people below the threshold
 * suppressed (JSON: null, named under {@code disclosure.suppressed}; CSV: an empty cell named in the row's {@code #x_suppressed}) — also when
 * another published count would give a suppressed one away — and only fixed reporting periods
 * that have ended: a window of its own ({@code from}/{@code to}) or the current month is a 400
 * naming the parameter.
 */
class DonorIT extends ReportingIT {

    /** The per-day or per-shelter fields of people by group that the reports carry. */
    static final Set<String> GROUPS = Set.of("women", "men", "girls", "boys", "unaccompaniedChildren", "olderPersons",
            "reportedKidnapOrTraffickingVictims");

    TwoShelters fed;
    String donor;

    @BeforeEach
    void feed() {
        fed = TwoShelters.feed(programme, today(), this::get);
        donor = as("DONOR");
    }

    @Test
    void perShelterRecordsAre403() {
        for (String path : List.of("/api/reports/shelters", "/api/reports/shelters?donor=" + fed.donor(),
                "/api/reports/shelters/" + fed.shelterA(), "/api/reports/agreements/" + fed.agreementA() + "/fulfilment",
                "/api/reports/alerts", "/api/audit/agreements/" + fed.agreementA(), "/api/reports/rebuild")) {
            HttpResponse<String> response = request("GET", path, donor);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(EventJson.mapper().readTree(response.body()).path("type").asString())
                    .isEqualTo("urn:shelters:problem:forbidden");
        }
    }

    @Test
    void noJsonReportADonorCanReachHasACountOfPeopleByGroupAndSmallCountsAreSuppressed() {
        List<String> reachable = new ArrayList<>();
        for (String filter : List.of("", "donor=" + fed.donor(), "state=MX-CHP", "state=MX-CHP&donor=" + fed.donor(),
                "corridor=SOUTHERN_BORDER", "period=" + fed.period(), "period=" + fed.lastMonth().getYear() + "-Q"
                        + ((fed.lastMonth().getMonthValue() - 1) / 3 + 1))) {
            String and = filter.isEmpty() ? "?" : "?" + filter + "&";
            for (String groupBy : List.of("state", "corridor", "donor", "phase", "category")) {
                reachable.add("/api/reports/programme" + and + "groupBy=" + groupBy);
            }
            reachable.add("/api/reports/arrivals-trend" + and.substring(0, and.length() - 1));
            reachable.add("/api/reports/delivery-performance" + and.substring(0, and.length() - 1));
        }
        for (String path : reachable) {
            HttpResponse<String> response = request("GET", path, donor);
            if (response.statusCode() == 400) {
                // a quarter that has not ended yet: refused, naming the period
                assertThat(response.body()).as(path).contains("\"period\"");
                continue;
            }
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
            JsonNode answer = EventJson.mapper().readTree(response.body());
            List<String> published = new ArrayList<>();
            groupCounts(answer.get("data"), "", published);
            assertThat(published).as("counts of people by group a donor was given in " + path).isEmpty();
            assertThat(answer.get("disclosure").get("smallCellThreshold").asInt()).isEqualTo(5);
            List<String> small = new ArrayList<>();
            smallPeopleCounts(answer.get("data"), "", small);
            assertThat(small).as("counts of people between 1 and 4 published in " + path).isEmpty();
        }
    }

    @Test
    void aSmallCellAndTheCellThatWouldGiveItAwayAreSuppressedAndNamed() {
        JsonNode byState = get("/api/reports/programme?groupBy=state&donor=" + fed.donor(), donor);
        assertThat(byState.get("disclosure").get("from").asString()).isEqualTo(fed.lastMonth().atDay(1).toString());
        assertThat(byState.get("disclosure").get("to").asString()).isEqualTo(fed.lastMonth().atEndOfMonth().toString());
        JsonNode rows = byState.get("data").get("rows");
        assertThat(rows.valueStream().map(r -> r.get("key").asString()).toList()).containsExactly("MX-CHP", "MX-SON");
        assertThat(rows.get(0).get("peopleReceived").isNull()).as("A's 2 people last month").isTrue();
        assertThat(rows.get(1).get("peopleReceived").isNull()).as("B's 40 would give A's 2 away with the total of 42").isTrue();
        assertThat(byState.get("data").get("totals").get("peopleReceived").asLong()).isEqualTo(42);
        JsonNode period = byState.get("data").get("peopleReceivedPeriod");
        assertThat(period.get("from").asString()).as("the count says its period").isEqualTo(fed.lastMonth().atDay(1).toString());
        assertThat(period.get("to").asString()).isEqualTo(fed.lastMonth().atEndOfMonth().toString());
        assertThat(period.get("partial").asBoolean()).as("a month that has ended").isFalse();
        assertThat(byState.get("disclosure").get("suppressed").toString())
                .isEqualTo("[\"/rows/0/peopleReceived\",\"/rows/1/peopleReceived\"]");

        JsonNode trendOfA = get("/api/reports/arrivals-trend?state=MX-CHP&donor=" + fed.donor(), donor);
        int day = fed.lastMonth().atDay(5).getDayOfMonth() - 1;
        assertThat(trendOfA.get("data").get(day).get("arrivals").isNull()).isTrue();
        assertThat(trendOfA.get("disclosure").get("suppressed").toString()).isEqualTo("[\"/" + day + "/arrivals\"]");
        assertThat(trendOfA.get("disclosure").get("withheld").valueStream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(DonorDisclosure.TREND_WITHHELD);
        JsonNode trend = get("/api/reports/arrivals-trend?donor=" + fed.donor(), donor).get("data");
        assertThat(trend).hasSize(fed.lastMonth().lengthOfMonth());
        assertThat(trend.get(day).get("arrivals").asLong()).as("42 people is no small cell").isEqualTo(42);

        // an analyst gets the same figures raw
        JsonNode raw = get("/api/reports/arrivals-trend?state=MX-CHP&donor=" + fed.donor() + "&period=" + fed.period(),
                as("ANALYST"));
        assertThat(raw.get("data").get(day).get("unaccompaniedChildren").asLong()).isEqualTo(1);
        assertThat(raw.has("disclosure")).isFalse();
    }

    @Test
    void theExportsForADonorSuppressSmallCellsNameThemAndCoverTheLastCompletedMonth() {
        for (String export : List.of("/api/reports/exports/shelters.csv?donor=", "/api/reports/exports/3w.csv?donor=")) {
            HttpResponse<String> response = request("GET", export + fed.donor(), donor);
            assertThat(response.statusCode()).as(export).isEqualTo(200);
            List<String> lines = Arrays.asList(response.body().split("\r\n"));
            List<String> tags = List.of(lines.get(1).split(",", -1));
            String rowA = lines.stream().filter(l -> l.contains(fed.shelterA())).findFirst().orElseThrow();
            String rowB = lines.stream().filter(l -> l.contains(fed.shelterB())).findFirst().orElseThrow();
            List<String> a = List.of(rowA.split(",", -1));
            List<String> b = List.of(rowB.split(",", -1));
            assertThat(a.get(tags.indexOf("#reached+ind"))).as("A's 2 people last month").isEmpty();
            assertThat(a.get(tags.indexOf("#reached+f"))).isEmpty();
            assertThat(a.get(tags.indexOf("#reached+m"))).isEmpty();
            assertThat(a.get(tags.indexOf("#reached+children"))).as("zero reveals no one").isEqualTo("0");
            assertThat(a.get(tags.indexOf("#x_unaccompanied+children"))).isEmpty();
            assertThat(a.get(tags.indexOf("#x_suppressed"))).as("the row names what it left empty")
                    .contains("#reached+ind", "#reached+f", "#reached+m", "#x_unaccompanied+children", "#reached+elderly");
            assertThat(b.get(tags.indexOf("#reached+ind"))).as("last month only, not this month's 20").isEqualTo("40");
            assertThat(b.get(tags.indexOf("#reached+f"))).isEqualTo("15");
            assertThat(b.get(tags.indexOf("#reached+children"))).isEqualTo("10");
            assertThat(b.get(tags.indexOf("#reached+elderly"))).isEmpty();
            assertThat(b.get(tags.indexOf("#x_suppressed"))).isEqualTo("#x_unaccompanied+children #reached+elderly");
            // every count of people is empty (and named in the row), zero, or at least the threshold
            for (String line : lines.subList(2, lines.size())) {
                List<String> cells = List.of(line.split(",", -1));
                String suppressed = cells.get(tags.indexOf("#x_suppressed"));
                for (String tag : tags) {
                    if (tag.startsWith("#reached") || tag.startsWith("#x_unaccompanied") || tag.startsWith("#x_victims")) {
                        String cell = cells.get(tags.indexOf(tag));
                        assertThat(cell.isEmpty() ? suppressed.contains(tag) : cell.equals("0") || Long.parseLong(cell) >= 5)
                                .as(tag + " " + line).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aWindowOfItsOwnOrAPeriodStillRunningIsRefusedNamingTheParameter() {
        String thisMonth = java.time.YearMonth.from(today()).toString();
        List<String[]> refused = List.of(
                new String[] {"/api/reports/exports/shelters.csv?from=2026-01-01", "from"},
                new String[] {"/api/reports/exports/3w.csv?to=2026-01-31", "to"},
                new String[] {"/api/reports/exports/3w.csv?period=" + thisMonth, "period"},
                new String[] {"/api/reports/exports/shelters.csv?period=2026-13", "period"},
                new String[] {"/api/reports/programme?from=2026-01-01&to=2026-01-02", "from"},
                new String[] {"/api/reports/arrivals-trend?to=2026-01-02", "to"},
                new String[] {"/api/reports/arrivals-trend?period=" + thisMonth, "period"},
                new String[] {"/api/reports/delivery-performance?from=2026-01-01", "from"});
        for (String[] call : refused) {
            HttpResponse<String> response = request("GET", call[0], donor);
            assertThat(response.statusCode()).as(call[0]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            List<String> fields = EventJson.mapper().readTree(response.body()).path("errors").valueStream()
                    .map(e -> e.get("field").asString()).toList();
            assertThat(fields).as(call[0]).contains(call[1]);
        }
        // the same windows are an analyst's to choose
        assertThat(request("GET", "/api/reports/exports/shelters.csv?from=2026-01-01", as("ANALYST")).statusCode()).isEqualTo(200);
        assertThat(request("GET", "/api/reports/arrivals-trend?period=" + thisMonth, as("ANALYST")).statusCode()).isEqualTo(200);
        assertThat(request("GET", "/api/reports/programme?period=2026-11&from=2026-11-01", as("ANALYST")).statusCode())
                .as("a period or a window, not both").isEqualTo(400);
    }

    /** Every non-null count of a group anywhere in {@code node}, as JSON pointers. */
    private static void groupCounts(JsonNode node, String at, List<String> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (GROUPS.contains(e.getKey()) && !e.getValue().isNull()) {
                    found.add(at + "/" + e.getKey() + "=" + e.getValue());
                }
                groupCounts(e.getValue(), at + "/" + e.getKey(), found);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                groupCounts(node.get(i), at + "/" + i, found);
            }
        }
    }

    /** Counts of people (arrivals, people received) between 1 and 4 anywhere in {@code node}. */
    private static void smallPeopleCounts(JsonNode node, String at, List<String> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (Set.of("arrivals", "peopleReceived").contains(e.getKey()) && e.getValue().isNumber()
                        && e.getValue().asLong() > 0 && e.getValue().asLong() < 5) {
                    found.add(at + "/" + e.getKey() + "=" + e.getValue());
                }
                smallPeopleCounts(e.getValue(), at + "/" + e.getKey(), found);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                smallPeopleCounts(node.get(i), at + "/" + i, found);
            }
        }
    }
}
