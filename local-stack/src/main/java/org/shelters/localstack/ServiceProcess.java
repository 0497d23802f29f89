package org.shelters.localstack;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One child JVM run from an executable jar (a service, or the identity server), supervised and
 * restarted like a runtime would. Its output goes to its own log file ({@code <name>.log}, the
 * previous run's kept as {@code <name>.log.1}), without colour codes or banner; with
 * {@code --verbose} it is echoed on the console too, each line prefixed with the name.
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
    private final Path logFile;
    private volatile Process process;
    private volatile boolean stopping;
    private volatile boolean quiet;
    private final AtomicInteger restarts = new AtomicInteger();
    /** The last lines it wrote, to show why it died. */
    private final Deque<String> lastLines = new ArrayDeque<>();

    /** Colour and cursor codes (CSI sequences): never written to a log file or a console that is not a terminal. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final int LAST_LINES = 15;
    /** How long a child may take to be ready: a 2-core machine busy with other builds has needed over 3 minutes. */
    static final Duration READY_PATIENCE = Duration.ofSeconds(360);
    /** Exit code of a JVM ended by SIGINT: the terminal's Ctrl-C reaches the children along with the stack. */
    private static final int EXIT_ON_SIGINT = 130;

    ServiceProcess(String name, int port, Path jar, Map<String, String> environment, Path logDir) {
        this(name, port, jar, environment, List.of(), Readiness.HEALTH, logDir);
    }

    ServiceProcess(String name, int port, Path jar, Map<String, String> environment, List<String> arguments,
                   Readiness readiness, Path logDir) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.environment = environment;
        this.arguments = List.copyOf(arguments);
        this.readiness = readiness;
        this.logFile = logDir.resolve(name + ".log");
    }

    /** Where its output goes. */
    Path logFile() {
        return logFile;
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
        Files.createDirectories(logFile.getParent());
        if (Files.exists(logFile)) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
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
                if (exit == EXIT_ON_SIGINT) {
                    // a Ctrl-C in the terminal: the stack's own shutdown is about to say so
                    awaitStopping(Duration.ofSeconds(3));
                }
                if (stopping) {
                    return;
                }
                System.out.printf("[local-stack] %s died (exit %d); restarting in %d s (log %s)%n", name, exit,
                        backoff / 1000, logFile);
                Thread.sleep(backoff);
                if (stopping) {
                    return;
                }
                launch();
                restarts.incrementAndGet();
                awaitHealthy(READY_PATIENCE);
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

    private void awaitStopping(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!stopping && System.nanoTime() < deadline) {
            Thread.sleep(50);
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
        // -Dlocalstack.process names the instance on its command line: ps (and a test) tells reporting-service-2 from 1
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                "-Xmx512m", "-Dlocalstack.process=" + name, "-jar", jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> quietOutput = new HashMap<>(Map.of(
                // plain text in the log file and on any console; the banner says nothing the log does not
                "SPRING_OUTPUT_ANSI_ENABLED", "never",
                "SPRING_MAIN_BANNER_MODE", "off"));
        quietOutput.putAll(environment);
        builder.environment().putAll(quietOutput);
        synchronized (lastLines) {
            lastLines.clear();
        }
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        log.write("=== " + name + " started " + Instant.now() + ": " + String.join(" ", command));
        log.newLine();
        log.flush();
        try {
            process = builder.start();
        } catch (IOException e) {
            log.close();
            throw e;
        }
        Process started = process;
        Thread pump = new Thread(() -> pumpOutput(started, log, quiet), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    private void pumpOutput(Process source, BufferedWriter log, boolean quiet) {
        try (log; BufferedReader reader = new BufferedReader(new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String plain = plain(line);
                log.write(plain);
                log.newLine();
                log.flush();
                remember(plain);
                if (!quiet) {
                    System.out.println("[" + name + "] " + plain);
                }
            }
        } catch (IOException ignored) {
            // the process ended, or its log file went away
        }
    }

    /** The line without colour codes or carriage returns. */
    static String plain(String line) {
        return ANSI.matcher(line).replaceAll("").replace("\r", "");
    }

    private void remember(String line) {
        synchronized (lastLines) {
            lastLines.addLast(line);
            if (lastLines.size() > LAST_LINES) {
                lastLines.removeFirst();
            }
        }
    }

    private String whyItDied() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "; it wrote nothing (log " + logFile + ")"
                    : "; its last lines (all in " + logFile + "):\n    " + String.join("\n    ", lastLines);
        }
    }

    /** Polls the readiness path until it answers, or fails when the process dies or time runs out. */
    void awaitHealthy(Duration patience) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Process current = process;
            if (!current.isAlive()) {
                if (stopping) {
                    throw new IllegalStateException(name + " was stopped before it was " + readiness.what());
                }
                // the pump may still be writing its last words
                Thread.sleep(200);
                throw new IllegalStateException(name + " exited with code " + current.exitValue() + " before it was "
                        + readiness.what() + whyItDied());
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
        throw new IllegalStateException(name + " was not " + readiness.what() + " within " + patience.toSeconds()
                + " s (log " + logFile + ")");
    }

    /** Tells the supervisor not to restart it and asks the process to end (SIGTERM); see {@link #awaitStopped()}. */
    void requestStop() {
        stopping = true;
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroy();
        }
    }

    void stop() {
        requestStop();
        awaitStopped();
    }

    /** Waits up to 20 s for the process to end after {@link #requestStop()}, then kills it. */
    void awaitStopped() {
        if (process == null || !process.isAlive()) {
            return;
        }
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
