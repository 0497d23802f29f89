package org.shelters.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.events.kafka.TopicDefinitions;
import org.shelters.localstack.demo.DemoClient;
import org.shelters.localstack.demo.DemoContext;
import org.shelters.localstack.demo.DemoStep;
import org.shelters.testsupport.MongoWireServer;
import org.shelters.testsupport.StandaloneKafka;

/**
 * The one command that runs the whole system on this machine: a real Kafka broker (KRaft) on
 * :9092, a MongoDB wire-protocol store on :27017 (one database per service, kept on disk), the
 * three services on :8081-8083, and on first start the demo programme, loaded through the
 * services' own commands. Ctrl-C stops everything.
 *
 * <p>Options: {@code --reset} deletes the data folder first; {@code --no-demo} skips demo data;
 * {@code --data-dir=PATH} (default {@code .local-stack}); {@code --verbose} shows all service logs.
 */
public final class LocalStack {

    static final int PARTITIONS = 3;

    private final Options options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private StandaloneKafka kafka;
    private MongoWireServer mongo;

    LocalStack(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException | IOException e) {
            System.err.println();
            System.err.println("local stack could not start: " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    void start() throws Exception {
        long started = System.nanoTime();
        Ports ports = options.ports();
        checkPortsFree(ports.kafka(), ports.kafkaController(), ports.mongo(), ports.agreements(), ports.logistics(),
                ports.reporting());
        Path data = prepareDataDir();

        kafka = new StandaloneKafka(ports.kafka(), ports.kafkaController(), data.resolve("kafka"), PARTITIONS).start();
        createTopics();
        log("Kafka (KRaft) ready on localhost:%d", ports.kafka());

        mongo = new MongoWireServer(new HelloAwareH2Backend(data.resolve("mongo.mv").toString())).bind("localhost", ports.mongo());
        log("Mongo wire-protocol store ready on localhost:%d (file %s)", ports.mongo(), data.resolve("mongo.mv"));

        services.add(service("agreements-service", ports.agreements(), "agreements"));
        services.add(service("logistics-service", ports.logistics(), "logistics"));
        services.add(service("reporting-service", ports.reporting(), "reporting"));
        for (ServiceProcess service : services) {
            service.start(!options.verbose());
        }
        for (ServiceProcess service : services) {
            service.awaitHealthy(Duration.ofSeconds(180));
            log("%s healthy at %s", service.name(), service.url());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log("all health endpoints UP %.1f s after start", seconds);

        Path marker = data.resolve("demo-loaded");
        if (options.demo() && !Files.exists(marker)) {
            loadDemo(marker);
        } else if (!options.demo()) {
            log("demo data skipped (--no-demo)");
        } else {
            log("demo data already loaded (use --reset to start over)");
        }
        printUrls();
    }

    private ServiceProcess service(String name, int port, String database) {
        Path jar = options.repo().resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT-exec.jar");
        return new ServiceProcess(name, port, jar, Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SPRING_MONGODB_URI", "mongodb://localhost:" + options.ports().mongo() + "/" + database,
                "SPRING_MONGODB_DATABASE", database,
                "SERVER_PORT", String.valueOf(port),
                // a service ends when this process is gone, even after a SIGKILL of it
                "PLATFORM_PARENT_PID", String.valueOf(ProcessHandle.current().pid())));
    }

    private void loadDemo(Path marker) throws IOException {
        List<DemoStep> steps = new ArrayList<>();
        ServiceLoader.load(DemoStep.class).forEach(steps::add);
        steps.sort(Comparator.comparingInt(DemoStep::order));
        DemoClient client = new DemoClient(services.get(0).url(), services.get(1).url(), services.get(2).url());
        // the day of the FIRST attempt: a load interrupted before midnight resumes with the same
        // bodies, so every Idempotency-Key replays instead of being refused as reused
        Path startedOn = marker.resolveSibling("demo-started");
        if (!Files.exists(startedOn)) {
            Files.writeString(startedOn, LocalDate.now(ZoneOffset.UTC).toString());
        }
        DemoContext context = new DemoContext(LocalDate.parse(Files.readString(startedOn).trim()));
        for (DemoStep step : steps) {
            long t0 = System.nanoTime();
            try {
                step.run(client, context);
            } catch (Exception e) {
                log("demo step '%s' failed: %s (services keep running; fix and restart to retry)", step.name(), e.getMessage());
                return;
            }
            log("demo: %s loaded in %.1f s", step.name(), (System.nanoTime() - t0) / 1e9);
        }
        Files.writeString(marker, LocalDate.now(ZoneOffset.UTC).toString());
    }

    private void createTopics() throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<NewTopic> topics = TopicDefinitions.all(PARTITIONS, (short) 1);
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Kafka did not create the topics within 30 s");
                }
            }
        }
    }

    private Path prepareDataDir() throws IOException {
        Path data = options.dataDir();
        if (options.reset() && Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            log("data folder %s reset", data);
        }
        try {
            Files.createDirectories(data);
            Path probe = Files.createTempFile(data, "probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IOException("data folder " + data.toAbsolutePath() + " is not usable: " + e.getMessage(), e);
        }
        return data;
    }

    static void checkPortsFree(int... ports) {
        List<String> taken = new ArrayList<>();
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("localhost"))) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                taken.add(String.valueOf(port));
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException("port(s) " + String.join(", ", taken)
                    + " already in use: stop whatever holds them (another local stack?) and try again");
        }
    }

    private void printUrls() {
        log("");
        log("The Shelter Support Programme platform is running:");
        log("  dashboard            %s/dashboard/", services.get(2).url());
        for (ServiceProcess service : services) {
            log("  %-20s %s  (OpenAPI %s/v3/api-docs, Swagger UI %s/swagger-ui.html)", service.name(), service.url(),
                    service.url(), service.url());
        }
        log("  Kafka                localhost:%d     Mongo  mongodb://localhost:%d", options.ports().kafka(),
                options.ports().mongo());
        log("Press Ctrl-C to stop everything.");
    }

    /** The service URLs, agreements, logistics, reporting, once started. */
    List<String> serviceUrls() {
        return services.stream().map(ServiceProcess::url).toList();
    }

    /** The supervised services (for tests). */
    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    synchronized void stop() {
        boolean running = !services.isEmpty() || kafka != null || mongo != null;
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        services.clear();
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (mongo != null) {
            mongo.close();
            mongo = null;
        }
        if (running) {
            log("stopped: services, broker and store are down; data kept in %s", options.dataDir());
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[local-stack] " + String.format(format, args));
    }

    /** Fixed by default (clients and docs rely on them); overridable so tests can run beside a developer's stack. */
    record Ports(int kafka, int kafkaController, int mongo, int agreements, int logistics, int reporting) {
        static final Ports DEFAULT = new Ports(9092, 9093, 27017, 8081, 8082, 8083);

        static Ports parse(String text) {
            String[] parts = text.split(",");
            if (parts.length != 6) {
                throw new IllegalArgumentException("--ports takes six numbers: kafka,controller,mongo,agreements,logistics,reporting");
            }
            int[] p = new int[6];
            for (int i = 0; i < 6; i++) {
                p[i] = Integer.parseInt(parts[i].trim());
            }
            return new Ports(p[0], p[1], p[2], p[3], p[4], p[5]);
        }
    }

    record Options(boolean reset, boolean demo, boolean verbose, Path dataDir, Path repo, Ports ports) {
        static Options parse(String[] args) {
            Ports ports = Ports.DEFAULT;
            boolean reset = false;
            boolean demo = true;
            boolean verbose = false;
            Path repo = Path.of(System.getProperty("localstack.repo", ".")).toAbsolutePath().normalize();
            Path dataDir = null;
            for (String arg : args) {
                if (arg.equals("--reset")) {
                    reset = true;
                } else if (arg.equals("--no-demo")) {
                    demo = false;
                } else if (arg.equals("--verbose")) {
                    verbose = true;
                } else if (arg.startsWith("--data-dir=")) {
                    dataDir = Path.of(arg.substring("--data-dir=".length()));
                } else if (arg.startsWith("--ports=")) {
                    ports = Ports.parse(arg.substring("--ports=".length()));
                } else if (arg.startsWith("--repo=")) {
                    repo = Path.of(arg.substring("--repo=".length())).toAbsolutePath().normalize();
                } else {
                    throw new IllegalArgumentException("unknown option " + arg
                            + " (options: --reset --no-demo --verbose --data-dir=PATH --repo=PATH --ports=K,C,M,A,L,R)");
                }
            }
            return new Options(reset, demo, verbose, dataDir != null ? dataDir : repo.resolve(".local-stack"), repo, ports);
        }
    }
}
