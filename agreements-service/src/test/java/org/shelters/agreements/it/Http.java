package org.shelters.agreements.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.shelters.events.EventJson;
import tools.jackson.databind.JsonNode;

/** A small JSON-over-HTTP client for the tests: real HTTP through the real filters (idempotency, problem+json). */
public final class Http {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String text) {

        public JsonNode json() {
            return EventJson.mapper().readTree(text);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Response post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body, Map<String, String> headers) {
        return send("PUT", path, body, headers);
    }

    public Response send(String method, String path, Object body, Map<String, String> headers) {
        try {
            String payload = body == null ? null : body instanceof String s ? s : EventJson.mapper().writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                    .method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }
}
