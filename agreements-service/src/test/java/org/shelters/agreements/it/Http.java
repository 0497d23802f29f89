package org.shelters.agreements.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.shelters.events.EventJson;
import org.shelters.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * A small JSON-over-HTTP client for the tests: real HTTP through the real filters (security chain,
 * idempotency, problem+json). It signs in as ADMIN by default, with a real token of the suite's
 * issuer; {@link #as}, {@link #withToken} and {@link #anonymous} give a client of another caller.
 */
public final class Http {

    private static final String AUTHORIZATION = "Authorization";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    /** null: no Authorization header. */
    private final String token;

    public Http(int port) {
        this("http://localhost:" + port, TestInfrastructure.issuer().token("ADMIN"));
    }

    private Http(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A client of a caller holding {@code role} only (its stable test subject, no shelters claim). */
    public Http as(String role) {
        return new Http(base, TestInfrastructure.issuer().token(role));
    }

    /** A client sending {@code accessToken} as its bearer token, whatever it is (a partner's, an expired one). */
    public Http withToken(String accessToken) {
        return new Http(base, accessToken);
    }

    /** A client that sends no token at all. */
    public Http anonymous() {
        return new Http(base, null);
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

        /** The problem {@code type} of a problem+json answer, e.g. {@code urn:shelters:problem:forbidden}. */
        public String problemType() {
            return json().path("type").asString();
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

    /** An {@code Authorization} header in {@code headers} replaces the client's own token. */
    public Response send(String method, String path, Object body, Map<String, String> headers) {
        try {
            String payload = body == null ? null : body instanceof String s ? s : EventJson.mapper().writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                    .method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null && headers.keySet().stream().noneMatch(AUTHORIZATION::equalsIgnoreCase)) {
                request.header(AUTHORIZATION, "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }
}
