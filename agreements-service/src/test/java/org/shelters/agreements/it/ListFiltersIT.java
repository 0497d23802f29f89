package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every list filter refuses a value it does not know, and every read a parameter it does not
 * take, with 400 naming it: answering the unfiltered list (or an empty one) as if it were filtered
 * would mislead.
 */
class ListFiltersIT extends IntegrationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/shelters?state=XX                     | state",
            "/api/shelters?state=MX-ZZZ                 | state",
            "/api/shelters?corridor=WEST                | corridor",
            "/api/shelters?includeRetired=maybe         | includeRetired",
            "/api/shelters?page=-1                      | page",
            "/api/shelters?size=0                       | size",
            "/api/shelters?stat=MX-CHP                  | stat",
            "/api/shelters/unknown?verbose=true         | verbose",
            "/api/agreements?status=FOO                 | status",
            "/api/agreements?state=XX                   | state",
            "/api/agreements?size=501                   | size",
            "/api/agreements?donr=PRM                   | donr",
            "/api/agreements/unknown?expand=all         | expand",
    })
    void anUnknownValueOrParameterIsRefusedNamingIt(String path, String field) {
        Http.Response answer = http().get(path);
        assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsString("field")).as(path).contains(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/shelters?state=MX-CHP&corridor=SOUTHERN_BORDER&includeRetired=true&page=0&size=5",
            "/api/agreements?status=DRAFT&state=MX-CHP&programmeCode=PRM-MX-2026&shelterId=x&page=0&size=5"})
    void knownValuesAreAnswered(String path) {
        assertThat(http().get(path).status()).as(path).isEqualTo(200);
    }
}
