package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.logistics.it.LogisticsHarness.line;
import static org.shelters.logistics.it.LogisticsHarness.plan;
import static org.shelters.logistics.it.LogisticsHarness.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventMetadata;
import org.shelters.events.Events;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code logging.structured.format.console=ecs} (env {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs})
 * gives one JSON object per line carrying the MDC trace id, correlation id and event id. The
 * module's logback-test.xml writes plain text whatever the property says, so this test points
 * {@code logging.config} at a file equivalent to Boot's own set-up without a logback file (as in
 * production). Its own Spring context (the logging configuration differs), so it is kept to one test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=ecs", "logging.config=classpath:logback-structured-test.xml"})
@WithRealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsIT {

    @LocalServerPort
    int port;

    @Test
    void consoleLogLinesAreEcsJsonWithTraceCorrelationAndEventIdOfTheEventBeingHandled(CapturedOutput output) throws Exception {
        LogisticsHarness api = new LogisticsHarness(port);
        String agreementId = "agr-" + UUID.randomUUID();
        String shelterId = "shelter-" + UUID.randomUUID();
        api.signAndAwait(agreementId, shelterId);
        LogisticsHarness.Response planned = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 5))));
        assertThat(planned.status()).isEqualTo(201);
        String shipmentId = planned.body().get("shipmentId").asString();

        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Instant now = Instant.now();
        EventEnvelope<AgreementEvent> termination = Events.envelope("/agreements-service",
                new AgreementTerminated(agreementId, shelterId, "shelter closed"), 2,
                new EventMetadata("corr-" + UUID.randomUUID(), null, "00-" + traceId + "-00f067aa0ba902b7-01"), now, now);
        publish(termination);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> lines = output.getOut().lines().filter(l -> l.startsWith("{") && l.contains(shipmentId))
                    .map(LogisticsHarness.JSON::readTree)
                    .filter(json -> json.path("message").asString("").contains("cancelled because")).toList();
            assertThat(lines).isNotEmpty();
            JsonNode logLine = lines.get(0);
            assertThat(logLine.path("log").path("level").asString()).isEqualTo("INFO");
            assertThat(logLine.path("service").path("name").asString()).isEqualTo("logistics-service");
            assertThat(logLine.path("traceId").asString()).isEqualTo(traceId);
            assertThat(logLine.path("correlationId").asString()).isEqualTo(termination.correlationid());
            assertThat(logLine.path("eventId").asString()).isEqualTo(termination.id().toString());
        });
    }
}
