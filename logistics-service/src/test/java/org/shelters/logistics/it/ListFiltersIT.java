package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every list filter refuses a value it does not know, and every read a parameter it does not
 * take, with 400 naming it: answering the unfiltered list as if it were filtered would mislead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class ListFiltersIT extends RunningLogistics {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/shipments?status=FOO                        | status",
            "/api/shipments?status=planned_                   | status",
            "/api/shipments?followUp=maybe                    | followUp",
            "/api/shipments?plannedFrom=2026-13-01            | plannedFrom",
            "/api/shipments?plannedTo=tomorrow                | plannedTo",
            "/api/shipments?page=-1                           | page",
            "/api/shipments?size=501                          | size",
            "/api/shipments?category=MEDICINES                | category",
            "/api/shipments?stauts=PLANNED                    | stauts",
            "/api/shipments/unknown?expand=lines              | expand",
            "/api/agreements/unknown/outstanding?line=L1      | line",
    })
    void anUnknownValueOrParameterIsRefusedNamingIt(String path, String field) throws Exception {
        LogisticsHarness.Response answer = api.get(path);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").findValuesAsString("field")).as(path).contains(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/shipments?status=PLANNED&followUp=false&plannedFrom=2026-01-01&plannedTo=2026-12-31&page=0&size=5",
            "/api/shipments?agreementId=x&shelterId=y"})
    void knownValuesAreAnswered(String path) throws Exception {
        assertThat(api.get(path).status()).as(path).isEqualTo(200);
    }
}
