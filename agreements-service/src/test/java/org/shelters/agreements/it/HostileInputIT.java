package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shelters.platform.PlatformProperties;
import org.shelters.testsupport.HostileReport;
import org.shelters.testsupport.HostileRequests;
import org.shelters.testsupport.QuietTopics;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The edge's promise under a generated flood: thousands of hostile requests over every mutating
 * operation of the OpenAPI document, aimed at real shelters and agreements (a draft and a signed
 * one, so bodies are checked where the command would otherwise run), are all refused with
 * problem+json 4xx, and not one event reaches Kafka.
 *
 * <p>The flood is signed in as ADMIN, so it reaches the controllers instead of stopping at the
 * security chain's 401: {@link SignedInFlood} gives every request that carries no token a real
 * ADMIN token of the suite's issuer (the generator sends no headers of the test's choosing), which
 * the chain then validates as any other. The per-caller command limit is off in this context: one
 * caller sending thousands of commands a minute is what it exists to stop (the platform tests it).
 */
@Import(HostileInputIT.SignedInFlood.class)
@TestPropertySource(properties = "platform.security.rate-limit.enabled=false")
class HostileInputIT extends IntegrationTest {

    private static final int REQUESTS_PER_RESOURCE_SET = 2_500;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PlatformProperties platform;

    @Test
    void thousandsOfHostileCommandsAreAllRefusedWithProblemJsonAndPublishNothing() {
        String shelterId = register("Albergue Hostil de Prueba", "MX-CHP", "SOUTHERN_BORDER", 80);
        String draftId = draft(shelterId, "hostile-draft");
        String signedId = draft(shelterId, "hostile-signed");
        assertThat(http().post("/api/agreements/" + signedId + "/sign", null).status()).isEqualTo(200);
        // the flood is signed in: a request without a token reaches the controller (400 here), not the 401
        assertThat(http().anonymous().post("/api/shelters/" + shelterId + "/retire", Map.of()).status()).isEqualTo(400);
        QuietTopics topics = new QuietTopics(mongo.getDb(), platform.getOutbox().getCollections());
        Map<String, Long> before = topics.settle();

        HostileReport report = hostile(shelterId, draftId, 11L).plus(hostile(shelterId, signedId, 12L));
        System.out.println(report.summary("agreements-service"));

        report.assertEveryRequestRefused(11, 5_000);
        Map<String, String> moved = topics.movedSince(before);
        assertThat(topics.pendingOutbox()).as("aggregates with unpublished events").isZero();
        assertThat(moved).as("topics that moved").isEmpty();
    }

    private HostileReport hostile(String shelterId, String agreementId, long seed) {
        String today = Fixtures.today().toString();
        return HostileRequests.against("http://localhost:" + port)
                .pathValues(Map.of("shelterId", shelterId, "agreementId", agreementId))
                // values a schema cannot tell, so each variant differs from an acceptable command in one field only
                .examples(Map.ofEntries(
                        Map.entry("shelterId", shelterId), Map.entry("state", "MX-CHP"), Map.entry("currency", "USD"),
                        Map.entry("programmeCode", "PRM-MX-2026"), Map.entry("year", 2026),
                        Map.entry("start", Fixtures.today().minusMonths(1).toString()),
                        Map.entry("end", Fixtures.today().plusYears(1).toString()),
                        Map.entry("signedOn", today), Map.entry("reason", "hostile probe"),
                        Map.entry("lineId", "L1"), Map.entry("workId", "W1"), Map.entry("arrivals", 40),
                        Map.entry("capacity", 80)))
                .requests(REQUESTS_PER_RESOURCE_SET).seed(seed).run();
    }

    /** Puts an ADMIN bearer token on every request that has none, before the security chain reads it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SignedInFlood {

        /** Well inside the issuer's 15 minutes: a token is minted again after this. */
        private static final Duration TOKEN_AGE = Duration.ofMinutes(5);

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> adminTokenForTheFlood() {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
                private volatile String bearer;
                private volatile Instant minted = Instant.MIN;

                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    chain.doFilter(request.getHeader(HttpHeaders.AUTHORIZATION) == null ? new SignedIn(request, bearer())
                            : request, response);
                }

                private String bearer() {
                    if (Instant.now().isAfter(minted.plus(TOKEN_AGE))) {
                        bearer = "Bearer " + TestInfrastructure.issuer().token("ADMIN");
                        minted = Instant.now();
                    }
                    return bearer;
                }
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    /** The request as if it carried {@code bearer} in its {@code Authorization} header. */
    static final class SignedIn extends HttpServletRequestWrapper {

        private final String bearer;

        SignedIn(HttpServletRequest request, String bearer) {
            super(request);
            this.bearer = bearer;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? bearer : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.enumeration(List.of(bearer))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.add(HttpHeaders.AUTHORIZATION);
            return Collections.enumeration(names);
        }
    }
}
