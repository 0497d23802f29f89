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
import org.shelters.testsupport.TestIssuer;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Shared set-up of the integration tests: one Spring context (cached), real broker and store, and
 * real signed tokens of the suite's issuer through the real filter chain. Requests carry an ADMIN
 * token unless a test names another ({@link #request(String, String, String)}, {@link #as(String)}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
public abstract class ReportingIT {

    protected static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final TestIssuer ISSUER = TestInfrastructure.issuer();

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

    /** A valid token of a caller with {@code role} (e.g. {@code ANALYST}). */
    protected static String as(String role) {
        return ISSUER.token(role);
    }

    /** As an ADMIN. */
    protected HttpResponse<String> request(String method, String path) {
        return request(method, path, as("ADMIN"));
    }

    /** With {@code token} as the bearer token; null sends none. */
    protected HttpResponse<String> request(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    protected HttpResponse<String> requestWithKey(String method, String path, String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + as("ADMIN"))
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
        return get(path, as("ADMIN"));
    }

    /** The 200 answer to {@code GET path} with {@code token}. */
    protected JsonNode get(String path, String token) {
        HttpResponse<String> response = request("GET", path, token);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return EventJson.mapper().readTree(response.body());
    }
}
