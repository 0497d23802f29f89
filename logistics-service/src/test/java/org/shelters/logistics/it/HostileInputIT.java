package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.logistics.it.LogisticsHarness.line;
import static org.shelters.logistics.it.LogisticsHarness.plan;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.shelters.platform.PlatformProperties;
import org.shelters.testsupport.HostileReport;
import org.shelters.testsupport.HostileRequests;
import org.shelters.testsupport.QuietTopics;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The edge's promise under a generated flood: thousands of hostile requests over every mutating
 * operation of the OpenAPI document, aimed at a signed agreement's real shipments (one planned,
 * one dispatched, so dispatch, delivery and cancellation bodies are checked where the command
 * would otherwise run), are all refused with problem+json 4xx, and not one event reaches Kafka.
 *
 * <p>The generator sends no token, and a flood refused with 401 would prove nothing about the
 * input checks. So this context (its own) puts an ADMIN token of the suite's issuer on every
 * request that comes without one, in a servlet filter ahead of the security chain, which then
 * validates it as any other; and the per-caller command rate limit is raised beyond the flood, so
 * no variant is answered 429 before its body is read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.security.rate-limit.burst=1000000")
@WithRealInfrastructure
class HostileInputIT {

    /** The caller of every generated request: ADMIN, who may call each operation, so only the input can be refused. */
    @TestConfiguration
    static class AdminCaller {

        /** Tokens last 15 minutes; a fresh one every 5 keeps a long flood authenticated without signing per request. */
        private static final Duration TOKEN_REUSE = Duration.ofMinutes(5);

        @Bean
        FilterRegistrationBean<Filter> adminTokenOnEveryRequest() {
            AtomicReference<Instant> signedAt = new AtomicReference<>(Instant.EPOCH);
            AtomicReference<String> token = new AtomicReference<>();
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                if (signedAt.get().plus(TOKEN_REUSE).isBefore(Instant.now())) {
                    token.set("Bearer " + TestInfrastructure.issuer().token("ADMIN"));
                    signedAt.set(Instant.now());
                }
                chain.doFilter(withToken((HttpServletRequest) request, token.get()), response);
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        private static HttpServletRequest withToken(HttpServletRequest request, String bearer) {
            if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                return request;
            }
            return new HttpServletRequestWrapper(request) {
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
                    List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
                    names.add(HttpHeaders.AUTHORIZATION);
                    return Collections.enumeration(names);
                }
            };
        }
    }

    private static final int REQUESTS_PER_SHIPMENT = 2_500;

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PlatformProperties platform;

    @Test
    void thousandsOfHostileCommandsAreAllRefusedWithProblemJsonAndPublishNothing() throws Exception {
        LogisticsHarness api = new LogisticsHarness(port);
        String agreementId = "agr-" + UUID.randomUUID();
        String shelterId = "shelter-" + UUID.randomUUID();
        api.signAndAwait(agreementId, shelterId);
        String planned = planned(api, agreementId, shelterId);
        String dispatched = planned(api, agreementId, shelterId);
        LogisticsHarness.Response left = api.post("/api/shipments/" + dispatched + "/dispatch",
                Map.of("carrier", "Estafeta", "waybill", "WB-HOSTILE"));
        assertThat(left.status()).as(left.body().toString()).isEqualTo(200);
        // the flood gets past authentication: a request without a token reaches the input checks
        LogisticsHarness.Response bare = api.anonymous().post("/api/shipments", Map.of("agreementId", agreementId));
        assertThat(bare.status()).as(bare.body().toString()).isEqualTo(400);
        QuietTopics topics = new QuietTopics(mongo.getDb(), platform.getOutbox().getCollections());
        Map<String, Long> before = topics.settle();

        HostileReport report = hostile(agreementId, shelterId, planned, 21L)
                .plus(hostile(agreementId, shelterId, dispatched, 22L));
        System.out.println(report.summary("logistics-service"));

        report.assertEveryRequestRefused(4, 5_000);
        Map<String, String> moved = topics.movedSince(before);
        assertThat(topics.pendingOutbox()).as("aggregates with unpublished events").isZero();
        assertThat(moved).as("topics that moved").isEmpty();
    }

    private static String planned(LogisticsHarness api, String agreementId, String shelterId) throws Exception {
        LogisticsHarness.Response planned = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 10))));
        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(201);
        return planned.body().get("shipmentId").asString();
    }

    private HostileReport hostile(String agreementId, String shelterId, String shipmentId, long seed) {
        LocalDate today = LocalDate.now();
        return HostileRequests.against("http://localhost:" + port)
                .pathValues(Map.of("shipmentId", shipmentId, "agreementId", agreementId))
                // values a schema cannot tell, so each variant differs from an acceptable command in one field only
                .examples(Map.ofEntries(
                        Map.entry("agreementId", agreementId), Map.entry("shelterId", shelterId),
                        Map.entry("plannedDate", today.plusDays(2).toString()), Map.entry("commitmentLineId", "C-HYG"),
                        Map.entry("category", "HYGIENE_PRODUCTS"), Map.entry("itemCode", "HYGIENE-KIT"),
                        Map.entry("unit", "kit"), Map.entry("lot", "LOT-1"),
                        Map.entry("expiryDate", today.plusYears(2).toString()), Map.entry("overDelivery", false),
                        Map.entry("overDeliveryReason", "hostile probe"), Map.entry("carrier", "Estafeta"),
                        Map.entry("lineId", "L1"), Map.entry("quantityAccepted", 10), Map.entry("quantityRejected", 0),
                        Map.entry("receivedByRole", "shelter coordinator"), Map.entry("reason", "hostile probe")))
                .requests(REQUESTS_PER_SHIPMENT).seed(seed).run();
    }
}
