package org.shelters.localstack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the services' HTTP APIs for the demo loader, as one demo user: every request carries that
 * user's access token, got through the real sign-in ({@link DemoLogin}), and every command an
 * Idempotency-Key derived from the step, so a loader interrupted and run again duplicates nothing.
 *
 * <p>What a well-behaved client does, it does: a 401 (the 15-minute token ran out, or the identity
 * server restarted without its sessions) signs the user in again and repeats the request once; a
 * 429 (the per-caller command rate limit) or a 503 with {@code Retry-After} is waited out and
 * repeated with the same Idempotency-Key, so nothing runs twice.
 */
public final class DemoClient {

    /** The demo users the loader acts as (documented in identity-server/README.md). */
    public static final String PROGRAMME = "programme";
    public static final String LOGISTICS = "logistics";
    public static final String ADMIN = "admin";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Longer than the services' platform.outbox.idempotency-stale-claim (60 s). */
    private static final Duration KEY_IN_USE_PATIENCE = Duration.ofSeconds(90);
    /** How long a 429 or 503 is waited out before the call fails. */
    private static final Duration BUSY_PATIENCE = Duration.ofSeconds(120);
    private static final long MAX_RETRY_AFTER_SECONDS = 30;

    private final Shared shared;
    private final String user;

    /** How a demo user gets an access token: {@link DemoLogin#accessToken(String)}, the real sign-in. */
    @FunctionalInterface
    public interface SignIn {
        String accessToken(String user) throws IOException, InterruptedException;
    }

    /** What every view of the client shares: the connection pool, the URLs and the users' tokens. */
    private record Shared(HttpClient http, String agreementsUrl, String logisticsUrl, String reportingUrl, SignIn login,
                          Map<String, String> tokens) {
    }

    /** A client acting as {@link #PROGRAMME}; {@link #as(String)} gives one acting as another demo user. */
    public DemoClient(String agreementsUrl, String logisticsUrl, String reportingUrl, SignIn login) {
        this(new Shared(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), agreementsUrl, logisticsUrl,
                reportingUrl, login, new ConcurrentHashMap<>()), PROGRAMME);
    }

    private DemoClient(Shared shared, String user) {
        this.shared = shared;
        this.user = user;
    }

    /** The same client acting as {@code demoUser}; tokens are shared, each user signs in once. */
    public DemoClient as(String demoUser) {
        return demoUser.equals(user) ? this : new DemoClient(shared, demoUser);
    }

    public String user() {
        return user;
    }

    /**
     * Drops every token held, so the next call signs in again: after the partners' shelters change,
     * a partner's token made before would name the old ones.
     */
    public void forgetTokens() {
        shared.tokens().clear();
    }

    public String agreementsUrl() {
        return shared.agreementsUrl();
    }

    public String logisticsUrl() {
        return shared.logisticsUrl();
    }

    public String reportingUrl() {
        return shared.reportingUrl();
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
        HttpResponse<String> response = exchange(request);
        long patience = System.nanoTime() + KEY_IN_USE_PATIENCE.toNanos();
        while (response.statusCode() == 409 && response.body() != null && response.body().contains("idempotency-key-in-use")
                && System.nanoTime() < patience) {
            // an earlier run of this very call was cut off (a stop mid-request): its claim expires, then it runs
            Thread.sleep(1_000);
            response = exchange(request);
        }
        if (response.statusCode() >= 400) {
            throw new DemoCallFailed(method + " " + url + " as " + user + " -> " + response.statusCode() + ": " + response.body(),
                    response.statusCode());
        }
        return response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    public JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET());
        if (response.statusCode() >= 400) {
            throw new DemoCallFailed("GET " + url + " as " + user + " -> " + response.statusCode() + ": " + response.body(),
                    response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Sends {@code request} with the user's token: signs in again once on a 401, waits out a 429 or
     * a 503 with {@code Retry-After}. The request (and so its Idempotency-Key) is the same every time.
     */
    private HttpResponse<String> exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BUSY_PATIENCE.toNanos();
        boolean signedInAgain = false;
        while (true) {
            String token = token();
            HttpResponse<String> response = shared.http().send(request.copy().header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 401 && !signedInAgain) {
                shared.tokens().remove(user, token);
                signedInAgain = true;
                continue;
            }
            Optional<Long> retryAfter = retryAfterSeconds(response);
            if ((status == 429 || (status == 503 && retryAfter.isPresent())) && System.nanoTime() < deadline) {
                Thread.sleep(Math.min(Math.max(retryAfter.orElse(1L), 1L), MAX_RETRY_AFTER_SECONDS) * 1_000);
                continue;
            }
            return response;
        }
    }

    private String token() throws IOException, InterruptedException {
        String token = shared.tokens().get(user);
        if (token == null) {
            token = shared.login().accessToken(user);
            shared.tokens().put(user, token);
        }
        return token;
    }

    private static Optional<Long> retryAfterSeconds(HttpResponse<String> response) {
        try {
            return response.headers().firstValue("Retry-After").map(String::trim).map(Long::parseLong);
        } catch (NumberFormatException httpDate) {
            return Optional.of(1L);
        }
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
