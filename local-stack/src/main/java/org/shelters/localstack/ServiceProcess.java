package org.shelters.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM run from an executable jar (a service, or the identity server), its output prefixed
 * with its name, supervised and restarted like a runtime would.
 */
final class ServiceProcess {

    /**
     * When a process counts as ready: {@code path} answers 200 with {@code marker} in the body.
     * Services: {@code /actuator/health} UP; the identity server: its discovery document, which is
     * what the services and token.sh need from it.
     */
    record Readiness(String path, String marker, String what) {
        static final Readiness HEALTH = new Readiness("/actuator/health", "\"UP\"", "healthy");
        static final Readiness DISCOVERY = new Readiness("/.well-known/openid-configuration", "\"issuer\"",
                "serving its discovery document");
    }

    private final String name;
    private final int port;
    private final Path jar;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final Readiness readiness;
    private volatile Process process;
    private volatile boolean stopping;
    private volatile boolean quiet;
    private final java.util.concurrent.atomic.AtomicInteger restarts = new java.util.concurrent.atomic.AtomicInteger();

    ServiceProcess(String name, int port, Path jar, Map<String, String> environment) {
        this(name, port, jar, environment, List.of(), Readiness.HEALTH);
    }

    ServiceProcess(String name, int port, Path jar, Map<String, String> environment, List<String> arguments,
                   Readiness readiness) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.environment = environment;
        this.arguments = List.copyOf(arguments);
        this.readiness = readiness;
    }

    Readiness readiness() {
        return readiness;
    }

    String name() {
        return name;
    }

    String url() {
        return "http://localhost:" + port;
    }

    /**
     * Starts the service and supervises it like a runtime would: a process that dies while the
     * stack runs (SIGKILL, out of memory, a crash) is reported and started again with backoff
     * (1 s, doubling up to 30 s), so clients retrying with their Idempotency-Key carry on.
     */
    void start(boolean quiet) throws IOException {
        this.quiet = quiet;
        launch();
        Thread supervisor = new Thread(this::supervise, name + "-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    private void supervise() {
        long backoff = 1_000;
        while (!stopping) {
            Process current = process;
            try {
                int exit = current.waitFor();
                if (stopping) {
                    return;
                }
                System.out.printf("[local-stack] %s died (exit %d); restarting in %d s%n", name, exit, backoff / 1000);
                Thread.sleep(backoff);
                if (stopping) {
                    return;
                }
                launch();
                restarts.incrementAndGet();
                awaitHealthy(Duration.ofSeconds(180));
                System.out.printf("[local-stack] %s restarted and %s at %s%n", name, readiness.what(), url());
                backoff = 1_000;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | IllegalStateException e) {
                System.out.printf("[local-stack] %s could not be restarted: %s%n", name, e.getMessage());
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    /** How many times the supervisor started this service again after it died. */
    int restarts() {
        return restarts.get();
    }

    /** The running process (for tests that kill it). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    private void launch() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -q -DskipTests package");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                "-Xmx512m", "-jar", jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        Process started = process;
        Thread pump = new Thread(() -> pumpOutput(started, quiet), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    private void pumpOutput(Process source, boolean quiet) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!quiet || line.contains("ERROR") || line.contains("WARN")) {
                    System.out.println("[" + name + "] " + line);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Polls the readiness path until it answers, or fails when the process dies or time runs out. */
    void awaitHealthy(Duration patience) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Process current = process;
            if (!current.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + current.exitValue() + " before it was " + readiness.what());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + readiness.path()))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains(readiness.marker())) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not " + readiness.what() + " within " + patience.toSeconds() + " s");
    }

    void stop() {
        stopping = true;
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
