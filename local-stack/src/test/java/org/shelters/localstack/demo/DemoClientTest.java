package org.shelters.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo client's manners against a scripted service: tokens, 401, 429, the same Idempotency-Key. */
class DemoClientTest {

    /** One scripted answer: status, headers, body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** What the service saw. */
    record Seen(String authorization, String idempotencyKey) {
    }

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger signIns = new AtomicInteger();
    private DemoClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();
        client = new DemoClient(url, url, url, user -> user + "-token-" + signIns.incrementAndGet());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCommandCarriesTheUsersTokenAndEachUserSignsInOnce() throws Exception {
        script.add(new Answer(201, Map.of(), "{\"id\":\"a\"}"));
        script.add(new Answer(201, Map.of(), "{\"id\":\"b\"}"));
        script.add(new Answer(200, Map.of(), "{\"id\":\"c\"}"));

        client.post(client.agreementsUrl() + "/api/x", Map.of(), "key-1");
        client.post(client.agreementsUrl() + "/api/x", Map.of(), "key-2");
        client.as("logistics").get(client.logisticsUrl() + "/api/y");

        assertThat(seen).extracting(Seen::authorization)
                .containsExactly("Bearer programme-token-1", "Bearer programme-token-1", "Bearer logistics-token-2");
    }

    @Test
    void aRateLimitIsWaitedOutAndRetriedWithTheSameIdempotencyKey() throws Exception {
        script.add(new Answer(429, Map.of("Retry-After", "1"), "{\"type\":\"urn:shelters:problem:rate-limited\"}"));
        script.add(new Answer(201, Map.of(), "{\"id\":\"a\"}"));

        long started = System.nanoTime();
        assertThat(client.post(client.agreementsUrl() + "/api/x", Map.of(), "key-1").path("id").asString()).isEqualTo("a");

        assertThat((System.nanoTime() - started) / 1_000_000).as("Retry-After honoured").isGreaterThanOrEqualTo(900);
        assertThat(seen).extracting(Seen::idempotencyKey).containsExactly("key-1", "key-1");
    }

    @Test
    void anExpiredTokenMeansSigningInAgainOnceAndRepeatingTheRequest() throws Exception {
        script.add(new Answer(401, Map.of(), "{\"type\":\"urn:shelters:problem:unauthenticated\"}"));
        script.add(new Answer(201, Map.of(), "{\"id\":\"a\"}"));

        client.post(client.agreementsUrl() + "/api/x", Map.of(), "key-1");

        assertThat(seen).containsExactly(new Seen("Bearer programme-token-1", "key-1"), new Seen("Bearer programme-token-2", "key-1"));
    }

    @Test
    void aTokenRefusedTwiceIsAFailureNotALoop() {
        script.add(new Answer(401, Map.of(), "{}"));
        script.add(new Answer(401, Map.of(), "{}"));

        assertThatThrownBy(() -> client.post(client.agreementsUrl() + "/api/x", Map.of(), "key-1"))
                .isInstanceOfSatisfying(DemoClient.DemoCallFailed.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("as programme");
        assertThat(signIns).hasValue(2);
    }

    @Test
    void forgettingTokensSignsEveryoneInAgain() throws Exception {
        script.add(new Answer(200, Map.of(), "{}"));
        script.add(new Answer(200, Map.of(), "{}"));
        DemoClient partner = client.as("partner-1");
        partner.get(client.agreementsUrl() + "/api/x");
        client.forgetTokens();
        partner.get(client.agreementsUrl() + "/api/x");

        assertThat(seen).extracting(Seen::authorization).containsExactly("Bearer partner-1-token-1", "Bearer partner-1-token-2");
    }

    private void answer(HttpExchange exchange) throws IOException {
        seen.add(new Seen(exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Idempotency-Key")));
        exchange.getRequestBody().readAllBytes();
        Answer answer;
        synchronized (script) {
            answer = script.isEmpty() ? new Answer(500, Map.of(), "{\"detail\":\"unscripted\"}") : script.poll();
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
