package org.shelters.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.testsupport.PrometheusScrape;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills, on one local stack of two instances of each service ({@code --instances=2}, run as a user
 * runs it: its own process), in two steps.
 *
 * <p>First one reporting and one agreements instance are SIGKILLed in the middle of a steady load
 * of commands sent to both instances of each service ({@link MultiInstanceLoad}); the survivors
 * take over (outbox leases, consumer group), the supervisor restarts the killed ones, and every
 * projection read through both reporting instances equals the ground truth of the commands that
 * got a 2xx: nothing lost, nothing counted twice.
 *
 * <p>Then a power cut or an OOM kill of the whole local stack (store, broker, the identity server
 * and the services it supervises) right after a burst of acknowledged commands: after a restart
 * on the same data (one instance each), every command a client was told succeeded is there, in
 * the owning service and in the reports. Commands carry real tokens from the stack's identity
 * server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackKillIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int BURST = 120;
    private static final int INSTANCES = 2;
    /** Acknowledged commands before the kill: the load is well under way. */
    private static final int KILL_AFTER = 40;
    /** A whole stack on a loaded 2-core machine (six builds at once) has needed more than four minutes. */
    private static final Duration STACK_START = Duration.ofSeconds(480);

    private static Path repo;
    private static Path data;
    private static LocalStack.Ports ports;
    private static Logins logins;
    private static Process stack;

    @BeforeAll
    static void startTwoInstancesOfEachService() throws Exception {
        repo = Path.of("..").toAbsolutePath().normalize();
        data = Files.createDirectories(Path.of("target", "kill-" + UUID.randomUUID())).toAbsolutePath();
        ports = new LocalStack.Ports(freePort(), freePort(), freePort(), freeServicePort(), freeServicePort(), freeServicePort(),
                freePort());
        logins = new Logins("http://localhost:" + ports.identity());
        Path console = data.resolve("stack.log");
        long started = System.nanoTime();
        stack = stackProcess(List.of(), INSTANCES, console);
        await().atMost(STACK_START).pollInterval(Duration.ofMillis(500))
                .until(() -> !stack.isAlive() || Files.readString(console).contains("Press Ctrl-C"));
        assertThat(stack.isAlive()).as("the stack: %s", Files.readString(console)).isTrue();
        System.out.printf("[e2e] local stack with --instances=%d up in %.1f s%n", INSTANCES, (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void killWhatIsLeft() throws InterruptedException {
        if (stack != null && stack.isAlive()) {
            stack.destroyForcibly();
            stack.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void withTwoInstancesOfEachServiceAKilledReportingAndAgreementsInstanceLoseAndDoubleNothing() throws Exception {
        Path console = data.resolve("stack.log");
        String text = Files.readString(console);
        for (int instance = 1; instance <= INSTANCES; instance++) {
            assertThat(text).as("the console names every instance's URL").contains(url(ports.agreements(), instance))
                    .contains(url(ports.logistics(), instance)).contains(url(ports.reporting(), instance));
        }
        assertThat(text).contains("UP (2 instances each)");
        List<String> reporting = urls(ports.reporting());
        MultiInstanceLoad load = new MultiInstanceLoad(new MultiInstanceLoad.Service("agreements-service", urls(ports.agreements())),
                new MultiInstanceLoad.Service("logistics-service", urls(ports.logistics())), logins,
                UUID.randomUUID().toString().substring(0, 8));
        Map<String, BigDecimal> before = load.programme(reporting.get(0), "admin");

        // in the middle of the load: SIGKILL (no shutdown hook, no lease given back); the supervisor restarts
        // them with its backoff, and the load goes on until both are back, so the group rebalances under it
        List<String> victims = List.of("agreements-service", "reporting-service-2");
        AtomicBoolean bothBack = new AtomicBoolean();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong backAt = new AtomicLong();
        Thread killer = new Thread(() -> {
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> load.acknowledged() >= KILL_AFTER);
                victims.forEach(victim -> instanceProcess(victim).destroyForcibly());
                killedAt.set(System.nanoTime());
                System.out.printf("[multi-instance] SIGKILL of %s after %d acknowledged commands%n", victims, load.acknowledged());
                await().atMost(STACK_START).pollInterval(Duration.ofMillis(500)).until(() -> {
                    String now = Files.readString(console);
                    return victims.stream().allMatch(victim -> now.contains(victim + " restarted and healthy"));
                });
                backAt.set(System.nanoTime());
                Thread.sleep(2_000);
            } catch (Exception | AssertionError e) {
                System.out.println("[multi-instance] the kill or the restarts failed: " + e);
            } finally {
                bothBack.set(true);
            }
        }, "killer");
        killer.start();
        long started = System.nanoTime();
        load.run(3, Duration.ofMillis(400), bothBack::get, Duration.ofMinutes(6));
        killer.join(60_000);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(load.failures()).as("commands never accepted by either instance").isEmpty();
        assertThat(backAt.get()).as("both killed instances were restarted by the supervisor: %s", Files.readString(console))
                .isPositive();
        assertThat(Files.readString(console)).contains("agreements-service died", "reporting-service-2 died");
        // the restarted instance runs commands again, and a retry of one on the other instance replays it
        String key = UUID.randomUUID().toString();
        String programme = logins.token("programme");
        // retried with its key while it answers 503 (the first token after a start has it fetch the issuer's keys)
        String id = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> register(url(ports.agreements(), 1), programme, "Albergue Demo Tras Caida", key), created -> created != null);
        assertThat(register(url(ports.agreements(), 2), programme, "Albergue Demo Tras Caida", key))
                .as("the same Idempotency-Key on the other instance replays, nothing twice").isEqualTo(id);

        // quiet: every projection, through both reporting instances, against the ground truth
        Map<String, BigDecimal> expected = load.expected(before);
        Map<String, Map<String, BigDecimal>> shown = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        MultiInstanceLoad.Comparison comparison;
        while (true) {
            for (String url : reporting) {
                shown.put(url, load.figures(url, "admin"));
            }
            comparison = MultiInstanceLoad.compare(expected, shown.get(reporting.get(0)));
            boolean same = shown.get(reporting.get(0)).equals(shown.get(reporting.get(1)));
            if (comparison.exact() && same || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(2_000);
        }
        long duplicatePublications = duplicatePublications();
        double consumerDuplicates = 0;
        for (int base : List.of(ports.agreements(), ports.logistics(), ports.reporting())) {
            for (String url : urls(base)) {
                consumerDuplicates += PrometheusScrape.of(url, logins.token("operations"))
                        .value("events_consumed_total", Map.of("outcome", "duplicate"));
            }
        }
        System.out.printf("[multi-instance] commands=%d lost=%d double=%d duplicatePublications=%d%n", load.acknowledged(),
                comparison.lost().size(), comparison.doubled().size(), duplicatePublications);
        System.out.printf("[multi-instance] %d shelters, %d agreements, %d figures compared on both reporting instances; "
                        + "%d commands retried on another instance (%d cut off and found done); %.0f s of load, the killed instances "
                        + "back %.0f s after the kill; duplicates the consumers skipped (since each instance's start): %.0f%n",
                load.shelters().size(), load.agreementIds().size(), expected.size(), load.retried(), load.resolved(), seconds,
                (backAt.get() - killedAt.get()) / 1e9, consumerDuplicates);
        assertThat(comparison.lost()).as("figures below the ground truth (lost)").isEmpty();
        assertThat(comparison.doubled()).as("figures above the ground truth (double-counted)").isEmpty();
        assertThat(shown.get(reporting.get(1))).as("both reporting instances answer the same figures")
                .isEqualTo(shown.get(reporting.get(0)));
    }

    @Test
    @Order(2)
    void noAcknowledgedCommandIsLostWhenTheWholeStackIsKilled() throws Exception {
        String agreements = url(ports.agreements(), 1);
        String reporting = url(ports.reporting(), 1);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int sheltersBefore;
        try {
            assertThat(stack.isAlive()).as("the stack: %s", Files.readString(data.resolve("stack.log"))).isTrue();
            String programme = logins.token("programme");
            sheltersBefore = get(agreements + "/api/shelters?size=1", programme).path("total").asInt();
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
        await().atMost(Duration.ofSeconds(60)).until(() -> ports.all(INSTANCES).stream()
                .filter(port -> port != ports.kafka() && port != ports.kafkaController() && port != ports.mongo())
                .noneMatch(LocalStackKillIT::listening));

        assertQuietConsole(Files.readString(data.resolve("stack.log")));

        // restarted as a user runs it (one instance each this time), and stopped as a user does: Ctrl-C where
        // SIGINT can be sent, else SIGTERM
        boolean sigint = canResetSigint();
        Path console = data.resolve("restart.log");
        Process restarted = stackProcess(sigint ? List.of("env", "--default-signal=INT") : List.of(), 1, console);
        try {
            await().atMost(STACK_START).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.readString(console).contains("Press Ctrl-C") || !restarted.isAlive());
            assertThat(restarted.isAlive()).as("restarted stack: %s", Files.readString(console)).isTrue();
            String admin = logins.token("admin");
            // a 503 says "try again": the first token after a start has the service fetch the issuer's keys, which
            // can time out on a loaded machine
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> status(agreements + "/api/shelters?size=1", admin) != 503);
            for (String id : acknowledged) {
                assertThat(status(agreements + "/api/shelters/" + id, admin)).as("shelter " + id + " after the kill").isEqualTo(200);
            }
            int shelters = get(agreements + "/api/shelters?size=1", admin).path("total").asInt();
            assertThat(shelters).as("every acknowledged registration, once").isEqualTo(sheltersBefore + BURST);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get(reporting + "/api/reports/shelters?size=1", admin).path("total").asInt()).isEqualTo(shelters));
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
        assertThat(data.resolve("logs").resolve("reporting-service-2.log")).as("instance 2 logs to a file of its own").exists();
        System.out.printf("[e2e] restarted stack stopped by %s: console %d lines, ends with the stopped line%n",
                sigint ? "SIGINT" : "SIGTERM", output.lines().count());
    }

    /** The running JVM of one instance, found among the stack's children by the name on its command line. */
    private static ProcessHandle instanceProcess(String name) {
        return stack.toHandle().children()
                .filter(child -> child.info().arguments().map(args -> List.of(args).contains("-Dlocalstack.process=" + name))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no running process of " + name));
    }

    /**
     * Publications of one event more than once, counted on the topics themselves: records whose
     * CloudEvents id another record already has.
     */
    private static long duplicatePublications() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + ports.kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-duplicates-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<?> topic : Topics.ALL) {
                consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Set<String> ids = new HashSet<>();
            long records = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    ids.add(JSON.readTree(record.value()).path("id").asString());
                }
            }
            return records - ids.size();
        }
    }

    private static String url(int base, int instance) {
        return "http://localhost:" + ports.service(base, instance);
    }

    private static List<String> urls(int base) {
        List<String> urls = new ArrayList<>();
        for (int instance = 1; instance <= INSTANCES; instance++) {
            urls.add(url(base, instance));
        }
        return urls;
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

    private static Process stackProcess(List<String> prefix, int instances, Path console) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlocalstack.repo=" + repo, LocalStack.class.getName(),
                "--no-demo", "--data-dir=" + data, "--ports=" + ports.argument(), "--instances=" + instances));
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
        return register(agreements, token, name, UUID.randomUUID().toString());
    }

    /** The registered (or replayed) shelter's id, or null when not answered 201. */
    private static String register(String agreements, String token, String name, String idempotencyKey) {
        String body = "{\"name\":\"" + name + "\",\"state\":\"MX-CHP\",\"municipality\":\"Tapachula\","
                + "\"corridor\":\"SOUTHERN_BORDER\",\"capacity\":50,\"services\":[\"LODGING\"]}";
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(agreements + "/api/shelters"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
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

    /** A free port whose instance-2 port ({@link LocalStack.Ports#INSTANCE_STEP} above) is free too. */
    private static int freeServicePort() throws IOException {
        while (true) {
            int port = freePort();
            try (ServerSocket second = new ServerSocket(port + LocalStack.Ports.INSTANCE_STEP)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
    }
}
