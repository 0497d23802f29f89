package org.shelters.localstack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the services' HTTP APIs for the demo loader. Every command carries an Idempotency-Key
 * derived from the step, so a loader interrupted and run again does not duplicate anything.
 */
public final class DemoClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Longer than the services' platform.outbox.idempotency-stale-claim (60 s). */
    private static final Duration KEY_IN_USE_PATIENCE = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String agreementsUrl;
    private final String logisticsUrl;
    private final String reportingUrl;

    public DemoClient(String agreementsUrl, String logisticsUrl, String reportingUrl) {
        this.agreementsUrl = agreementsUrl;
        this.logisticsUrl = logisticsUrl;
        this.reportingUrl = reportingUrl;
    }

    public String agreementsUrl() {
        return agreementsUrl;
    }

    public String logisticsUrl() {
        return logisticsUrl;
    }

    public String reportingUrl() {
        return reportingUrl;
    }

    /** A JSON object/array builder shortcut for steps. */
    public static JsonMapper json() {
        return JSON;
    }

    /**
     * POSTs {@code body} (any object Jackson can write, or a JSON string) and returns the response
     * body. {@code idempotencyKey} makes the call safe to repeat. Throws on any status >= 400.
     */
    public JsonNode post(String url, Object body, String idempotencyKey) throws IOException, InterruptedException {
        return send("POST", url, body, idempotencyKey, null);
    }

    public JsonNode send(String method, String url, Object body, String idempotencyKey, String ifMatch)
            throws IOException, InterruptedException {
        String payload = body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long patience = System.nanoTime() + KEY_IN_USE_PATIENCE.toNanos();
        while (response.statusCode() == 409 && response.body() != null && response.body().contains("idempotency-key-in-use")
                && System.nanoTime() < patience) {
            // an earlier run of this very call was cut off (a stop mid-request): its claim expires, then it runs
            Thread.sleep(1_000);
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() >= 400) {
            throw new DemoCallFailed(method + " " + url + " -> " + response.statusCode() + ": " + response.body(),
                    response.statusCode());
        }
        return response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    public JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new DemoCallFailed("GET " + url + " -> " + response.statusCode() + ": " + response.body(), response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** Retries {@code call} while it fails with 409 (e.g. logistics has not yet consumed AgreementSigned). */
    public JsonNode retryOnConflict(Duration patience, DemoCall call) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return call.run();
            } catch (DemoCallFailed e) {
                if (e.status() != 409 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    @FunctionalInterface
    public interface DemoCall {
        JsonNode run() throws Exception;
    }

    public static final class DemoCallFailed extends IOException {
        private final int status;

        public DemoCallFailed(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
