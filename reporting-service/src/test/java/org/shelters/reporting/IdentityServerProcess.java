package org.shelters.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real identity server, run from its built jar as a child JVM on a free port, with its demo
 * accounts, for a test in which a browser signs in (a browser cannot carry a bearer token). The
 * reactor builds the jar before this module's tests (the test-scoped {@code identity-server}
 * dependency of type pom); alone: {@code ./mvnw -o -q -pl identity-server package -DskipTests}.
 */
final class IdentityServerProcess implements AutoCloseable {

    static final Path JAR = Path.of("..", "identity-server", "target", "identity-server-0.1.0-SNAPSHOT-exec.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private IdentityServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts it on {@code port} with the demo accounts, its data in a fresh folder, and
     * {@code arguments} (the dashboard client's redirect URIs, the partners' shelters); returns once
     * it is ready.
     */
    static IdentityServerProcess start(int port, List<String> arguments) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("identity-data");
        Path log = Path.of("target", "identity-server-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString(),
                "--server.port=" + port, "--identity.demo.enabled=true", "--identity.data-dir=" + data,
                "--spring.security.oauth2.authorizationserver.issuer=" + issuer(port)));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        IdentityServerProcess server = new IdentityServerProcess(process, port, log);
        server.awaitReady();
        return server;
    }

    static String issuer(int port) {
        return "http://localhost:" + port;
    }

    String issuer() {
        return issuer(port);
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the identity server stopped with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(issuer() + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the identity server was not ready within 120 s:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
    }
}
