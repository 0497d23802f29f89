package org.shelters.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A power cut or an OOM kill of the whole local stack (store, broker, the identity server and the
 * services it supervises) right after a burst of acknowledged commands: after a restart on the same
 * data, every command a client was told succeeded is there, in the owning service and in the
 * reports. The burst is a programme officer's, with a real token from the stack's identity server.
 */
class LocalStackKillIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int BURST = 120;
    /** A whole stack on a loaded 2-core machine (six builds at once) has needed more than four minutes. */
    private static final Duration STACK_START = Duration.ofSeconds(480);

    @Test
    void noAcknowledgedCommandIsLostWhenTheWholeStackIsKilled() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createDirectories(Path.of("target", "kill-" + UUID.randomUUID())).toAbsolutePath();
        LocalStack.Ports ports = new LocalStack.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort());
        String agreements = "http://localhost:" + ports.agreements();
        String reporting = "http://localhost:" + ports.reporting();
        Logins logins = new Logins("http://localhost:" + ports.identity());

        Process stack = stackProcess(List.of(), repo, data, ports, data.resolve("stack.log"));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try {
            await().atMost(STACK_START).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> !stack.isAlive()
                            || status(reporting + "/actuator/health") == 200 && status(agreements + "/actuator/health") == 200);
            assertThat(stack.isAlive()).as("the stack: %s", Files.readString(data.resolve("stack.log"))).isTrue();
            String programme = logins.token("programme");
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int i = 0; i < BURST; i++) {
                int n = i;
                clients.submit(() -> {
                    String id = register(agreements, programme, "Albergue Demo Kill " + n);
                    if (id != null) {
                        acknowledged.add(id);
                    }
                });
            }
            clients.shutdown();
            clients.awaitTermination(2, TimeUnit.MINUTES);
        } finally {
            stack.destroyForcibly();   // SIGKILL of the stack: its store and broker die with it, no shutdown hook runs
            stack.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).hasSize(BURST);
        // the services and the identity server notice their supervisor is gone and end, freeing their ports
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of(ports.agreements(), ports.logistics(), ports.reporting(),
                ports.identity()).stream().noneMatch(LocalStackKillIT::listening));

        assertQuietConsole(Files.readString(data.resolve("stack.log")));

        // restarted as a user runs it, and stopped as a user does: Ctrl-C where SIGINT can be sent, else SIGTERM
        boolean sigint = canResetSigint();
        Path console = data.resolve("restart.log");
        Process restarted = stackProcess(sigint ? List.of("env", "--default-signal=INT") : List.of(), repo, data, ports,
                console);
        try {
            await().atMost(STACK_START).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.readString(console).contains("Press Ctrl-C") || !restarted.isAlive());
            assertThat(restarted.isAlive()).as("restarted stack: %s", Files.readString(console)).isTrue();
            String admin = logins.token("admin");
            for (String id : acknowledged) {
                assertThat(status(agreements + "/api/shelters/" + id, admin)).as("shelter " + id + " after the kill").isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get(reporting + "/api/reports/shelters?size=500", admin).path("total").asInt()).isEqualTo(BURST));
            System.out.printf("[e2e] SIGKILL of the whole stack after %d acknowledged commands: lost=0%n", acknowledged.size());
        } finally {
            if (sigint) {
                new ProcessBuilder("kill", "-INT", String.valueOf(restarted.pid())).inheritIO().start().waitFor();
            } else {
                restarted.destroy();
            }
            restarted.waitFor(90, TimeUnit.SECONDS);
            restarted.destroyForcibly();
        }
        String output = Files.readString(console);
        assertQuietConsole(output);
        assertThat(output).contains("demo programme skipped (--no-demo)");
        assertThat(output.strip().lines().reduce((first, second) -> second).orElseThrow())
                .as("the last console line after %s", sigint ? "SIGINT" : "SIGTERM").startsWith("[local-stack] stopped:");
        assertThat(List.of("identity-server", "agreements-service", "logistics-service", "reporting-service"))
                .allSatisfy(name -> {
                    String log = Files.readString(data.resolve("logs").resolve(name + ".log"));
                    assertThat(log).as("%s.log", name).contains("Started").doesNotContain("\u001B");
                });
        System.out.printf("[e2e] restarted stack stopped by %s: console %d lines, ends with the stopped line%n",
                sigint ? "SIGINT" : "SIGTERM", output.lines().count());
    }

    /**
     * What a user sees: the stack's own lines, URLs before the demo, no colour codes, no banner and
     * no line of a child's log (those are in the log files).
     */
    private static void assertQuietConsole(String console) {
        assertThat(console).as(console).doesNotContain("\u001B").doesNotContain(":: Spring Boot ::")
                .doesNotContain("[agreements-service]").doesNotContain("[identity-server]")
                .doesNotContain(" WARN ").doesNotContain(" INFO ");
        if (console.contains("Press Ctrl-C")) {
            assertThat(console.indexOf("dashboard ")).as(console).isGreaterThan(console.indexOf(" UP "))
                    .isLessThan(console.indexOf("Press Ctrl-C"));
            assertThat(console.lines()).filteredOn(line -> line.startsWith("[local-stack] demo programme"))
                    .allSatisfy(line -> assertThat(console.indexOf(line)).isGreaterThan(console.indexOf("Press Ctrl-C")));
        }
    }

    private static Process stackProcess(List<String> prefix, Path repo, Path data, LocalStack.Ports ports, Path console)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlocalstack.repo=" + repo, LocalStack.class.getName(),
                "--no-demo", "--data-dir=" + data, "--ports=" + ports.argument()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
    }

    /**
     * A JVM started from a background job inherits SIGINT ignored, and then keeps ignoring it;
     * coreutils' env can put it back to the default, as an interactive shell has it.
     */
    private static boolean canResetSigint() {
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String register(String agreements, String token, String name) {
        String body = "{\"name\":\"" + name + "\",\"state\":\"MX-CHP\",\"municipality\":\"Tapachula\","
                + "\"corridor\":\"SOUTHERN_BORDER\",\"capacity\":50,\"services\":[\"LODGING\"]}";
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(agreements + "/api/shelters"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 201 ? JSON.readTree(response.body()).path("shelterId").asString() : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int status(String url, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode get(String url, String token) throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("localhost", port)) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
