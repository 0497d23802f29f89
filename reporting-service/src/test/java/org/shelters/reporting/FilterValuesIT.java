package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shelters.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * A value a report does not know is refused (400 problem+json naming the parameter), never
 * ignored: an answer that silently dropped a filter would show unfiltered figures as filtered.
 */
class FilterValuesIT extends ReportingIT {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // shelters (list and one)
            "/api/reports/shelters?state=MX-ZZZ                           | state",
            "/api/reports/shelters?corridor=EAST                          | corridor",
            "/api/reports/shelters?category=FOOD                          | category",
            "/api/reports/shelters?from=2026-02-30                        | from",
            "/api/reports/shelters?page=-1                                | page",
            "/api/reports/shelters?size=abc                               | size",
            "/api/reports/shelters?sate=MX-CHP                            | sate",
            "/api/reports/shelters/anyone?state=MX-ZZZ                    | state",
            "/api/reports/shelters/anyone?size=10                         | size",
            // agreement fulfilment: takes no filter, so a filter would be silently ignored
            "/api/reports/agreements/anyone/fulfilment?donor=ECHO         | donor",
            // programme summary
            "/api/reports/programme?groupBy=planet                        | groupBy",
            "/api/reports/programme?state=MX-ZZZ                          | state",
            "/api/reports/programme?groupby=state                         | groupby",
            // delivery performance
            "/api/reports/delivery-performance?state=MX-ZZZ               | state",
            "/api/reports/delivery-performance?carrier=DHL                | carrier",
            // alerts
            "/api/reports/alerts?type=FOO                                 | type",
            "/api/reports/alerts?corridor=WEST                            | corridor",
            "/api/reports/alerts?size=0                                   | size",
            // arrivals trend
            "/api/reports/arrivals-trend?state=MX-ZZZ                     | state",
            "/api/reports/arrivals-trend?from=2020-01-01&to=2026-01-01    | from",
            "/api/reports/arrivals-trend?days=7                           | days",
            // exports
            "/api/reports/exports/3w.csv?state=MX-ZZZ                     | state",
            "/api/reports/exports/3w.csv?format=xlsx                      | format",
            "/api/reports/exports/shelters.csv?corridor=NORTH             | corridor",
            "/api/reports/exports/shelters.csv?to=tomorrow                | to",
            "/api/reports/exports/shelters.csv?donr=ECHO                  | donr"})
    void anUnknownValueOrParameterIsRefusedNamingIt(String path, String field) {
        HttpResponse<String> response = request("GET", path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(fields(response)).as(response.body()).contains(field);
    }

    @Test
    void everyBadValueOfOneRequestIsNamedInOneAnswer() {
        HttpResponse<String> response = request("GET", "/api/reports/alerts?type=FOO&state=MX-ZZZ&category=FOOD&size=0");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("type", "state", "category", "size");

        HttpResponse<String> unknown = request("GET", "/api/reports/programme?colour=red&shape=round");
        assertThat(fields(unknown)).containsExactlyInAnyOrder("colour", "shape");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/reports/alerts?type=over_capacity&size=10",
            "/api/reports/alerts?type=",
            "/api/reports/shelters?state=MX-CHP&corridor=southern_border&category=medicines&from=2026-01-01&to=2026-12-31&page=0&size=5",
            "/api/reports/shelters?state=mx-chp",
            "/api/reports/programme?groupBy=category&donor=ECHO&phase=PHASE-1",
            "/api/reports/delivery-performance?state=MX-SON",
            "/api/reports/arrivals-trend?state=MX-BCN&from=2026-01-01&to=2026-01-31",
            "/api/reports/exports/3w.csv?state=MX-OAX",
            "/api/reports/exports/shelters.csv?corridor=CENTRE"})
    void knownValuesInAnyCaseAreAnswered(String path) {
        HttpResponse<String> response = request("GET", path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    }

    private static List<String> fields(HttpResponse<String> response) {
        JsonNode errors = EventJson.mapper().readTree(response.body()).path("errors");
        return Arrays.asList(errors.valueStream().map(e -> e.get("field").asString()).toArray(String[]::new));
    }
}
