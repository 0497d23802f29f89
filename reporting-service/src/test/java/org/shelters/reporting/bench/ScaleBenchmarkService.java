package org.shelters.reporting.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.shelters.testsupport.TestIssuer;

/**
 * reporting-service as its own JVM, started from the executable jar with the local stack's flags
 * ({@code ServiceProcess}: C1 only, serial GC, 512 KB stacks, 512 MB heap), pointed at the
 * benchmark's broker, store and token issuer. Its output goes to a log file. It also watches this
 * process ({@code platform.parent-pid}), so it ends even when the benchmark is killed.
 */
final class ScaleBenchmarkService implements AutoCloseable {

    static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx512m");

    private final Process process;
    private final int port;
    private final Path log;
    private final long startedNanos;

    private ScaleBenchmarkService(Process process, int port, Path log, long startedNanos) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    static ScaleBenchmarkService start(Path jar, String bootstrapServers, String mongoUri, String groupId, TestIssuer issuer,
                                       Path log) throws IOException {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.mongodb.uri=" + mongoUri + "/reporting",
                "--spring.mongodb.database=reporting",
                "--platform.consumer.group-id=" + groupId,
                "--platform.parent-pid=" + ProcessHandle.current().pid(),
                "--logging.level.root=WARN"));
        command.addAll(List.of(issuer.resourceServerArguments()));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("SPRING_OUTPUT_ANSI_ENABLED", "never", "SPRING_MAIN_BANNER_MODE", "off"));
        long started = System.nanoTime();
        return new ScaleBenchmarkService(builder.start(), port, log, started);
    }

    /** {@code reporting-service-*-exec.jar} under {@code target/} (run from reporting-service or from the repository). */
    static Path findJar() throws IOException {
        String given = System.getProperty("bench.jar");
        if (given != null) {
            return Path.of(given);
        }
        for (Path target : List.of(Path.of("target"), Path.of("reporting-service", "target"))) {
            if (Files.isDirectory(target)) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "reporting-service-*-exec.jar")) {
                    for (Path jar : jars) {
                        return jar;
                    }
                }
            }
        }
        throw new IllegalStateException("no reporting-service-*-exec.jar under target/: build it first with "
                + "./mvnw -o -q -pl reporting-service package -DskipTests (or give -Dbench.jar=...)");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Waits for {@code /actuator/health} UP; fails if the process dies first. */
    Duration awaitHealthy(Duration patience) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return sinceStart();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("reporting-service was not healthy within " + patience.toSeconds() + " s (log " + log + ")");
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("reporting-service exited with code " + process.exitValue() + " (log " + log + ")");
        }
    }

    /** A line of {@code /proc/<pid>/status} in MB, e.g. {@code VmHWM} (peak resident set) or {@code VmRSS}; -1 if unreadable. */
    double statusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024.0; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** SIGTERM, then SIGKILL after 15 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
