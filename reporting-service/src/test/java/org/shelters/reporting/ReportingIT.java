package org.shelters.reporting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.shelters.events.EventJson;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Shared set-up of the integration tests: one Spring context (cached), real broker and store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
public abstract class ReportingIT {

    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    protected Programme programme;

    @BeforeEach
    void openProgramme() {
        programme = new Programme(TestInfrastructure.get().kafkaBootstrapServers());
    }

    @AfterEach
    void closeProgramme() {
        programme.close();
    }

    protected static LocalDate today() {
        return LocalDate.now(ProgrammeCalendar.DEFAULT_ZONE);
    }

    protected HttpResponse<String> request(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    protected HttpResponse<String> requestWithKey(String method, String path, String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Idempotency-Key", idempotencyKey)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected JsonNode get(String path) {
        HttpResponse<String> response = request("GET", path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return EventJson.mapper().readTree(response.body());
    }
}
