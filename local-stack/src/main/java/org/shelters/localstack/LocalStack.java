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
import org.shelters.localstack.demo.DemoLogin;
import org.shelters.localstack.demo.DemoPartners;
import org.shelters.localstack.demo.DemoStep;
import org.shelters.testsupport.MongoWireServer;
import org.shelters.testsupport.StandaloneKafka;
import org.slf4j.LoggerFactory;

/**
 * The one command that runs the whole system on this machine: a real Kafka broker (KRaft) on
 * :9092, a MongoDB wire-protocol store on :27017 (one database per service, kept on disk), the
 * identity server on :9000 (OAuth 2.1 / OIDC, demo users on), the three services on :8081-8083 as
 * resource servers of it, and on first start the demo programme, loaded through the services' own
 * commands by demo users signed in through the real login. Ctrl-C stops everything.
 *
 * <p>The console says what a user needs and nothing else: a line per part that is ready, the URLs as
 * soon as every service is UP, the demo load in two lines after them, and "stopped" on Ctrl-C or
 * SIGTERM. Every log goes to a file under {@code <data-dir>/logs}: one per child JVM, and
 * {@code local-stack.log} for the broker, the store and the demo loader (errors of those are shown
 * too). Plain text throughout: no colour codes, no banners.
 *
 * <p>Options: {@code --reset} deletes the data folder first; {@code --no-demo} skips demo data (the
 * demo users are there all the same: without them nobody could sign in); {@code --data-dir=PATH}
 * (default {@code .local-stack}); {@code --verbose} echoes every log line on the console as well;
 * {@code --instances=N} (1 to 4, default 1) runs N instances of each service, instance i on the
 * service's port + 10 (i - 1), all on the one broker and store (see {@link Ports#service}).
 */
public final class LocalStack {

    static final int PARTITIONS = 3;

    private final Options options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private ServiceProcess identity;
    private StandaloneKafka kafka;
    private MongoWireServer mongo;
    /** Set first thing by {@link #stop()}: what fails under a stop is the stop, not an error to report. */
    private volatile boolean stopRequested;

    LocalStack(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local stack: " + e.getMessage());
            System.exit(2);
            return;
        }
        // read by logback.xml, so before anything logs: the file under the data folder, the console threshold
        System.setProperty("localstack.logs", options.logDir().toString());
        System.setProperty("localstack.console.level", options.verbose() ? "INFO" : "ERROR");
        LocalStack stack = new LocalStack(options);
        // SIGINT (Ctrl-C) and SIGTERM both run it
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException | IOException e) {
            if (stack.stopRequested) {
                return;   // stopped while starting: the shutdown hook reports it
            }
            System.err.println();
            System.err.println("local stack could not start: " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    void start() throws Exception {
        long started = System.nanoTime();
        Ports ports = options.ports();
        checkPortsFree(ports.all(options.instances()).stream().mapToInt(Integer::intValue).toArray());
        Path data = prepareDataDir();
        log("starting: data in %s, logs in %s", data, options.logDir());

        // started first and waited for last: its JVM warms up while the broker and the store start
        identity = identityServer(data.resolve("identity"));
        identity.start(!options.verbose());

        proceed();
        kafka = new StandaloneKafka(ports.kafka(), ports.kafkaController(), data.resolve("kafka"), PARTITIONS).start();
        createTopics();
        log("Kafka (KRaft) ready on localhost:%d", ports.kafka());

        proceed();
        mongo = new MongoWireServer(new HelloAwareH2Backend(data.resolve("mongo.mv").toString())).bind("localhost", ports.mongo());
        log("Mongo wire-protocol store ready on localhost:%d", ports.mongo());

        identity.awaitHealthy(ServiceProcess.READY_PATIENCE);
        log("identity server ready at %s", identity.url());

        proceed();
        // instance 1 of each first: services.get(0..2) are what the demo and the printed commands use
        for (int instance = 1; instance <= options.instances(); instance++) {
            services.add(service("agreements-service", instance, ports.service(ports.agreements(), instance), "agreements"));
            services.add(service("logistics-service", instance, ports.service(ports.logistics(), instance), "logistics"));
            services.add(service("reporting-service", instance, ports.service(ports.reporting(), instance), "reporting"));
        }
        for (ServiceProcess service : services) {
            proceed();
            service.start(!options.verbose());
        }
        for (ServiceProcess service : services) {
            service.awaitHealthy(ServiceProcess.READY_PATIENCE);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String each = options.instances() == 1 ? "" : " (" + options.instances() + " instances each)";
        log("%s UP%s %.1f s after start", String.join(", ", services.subList(0, 3).stream().map(ServiceProcess::name).toList()),
                each, seconds);
        proceed();
        printUrls();

        Path marker = data.resolve("demo-loaded");
        if (options.demo() && !Files.exists(marker)) {
            loadDemo(marker);
        } else if (!options.demo() && !Files.exists(marker)) {
            log("demo programme skipped (--no-demo)");
        } else {
            log("demo programme loaded on an earlier start (--reset starts over)");
            republishPartnerShelters();
        }
    }

    /** A stop under a start ends the start: nothing is started after it (no orphan child, no broker left behind). */
    private void proceed() {
        if (stopRequested) {
            throw new IllegalStateException("stopped while starting");
        }
    }

    /** The issuer every service validates tokens against; also the identity server's URL. */
    String identityUrl() {
        return "http://localhost:" + options.ports().identity();
    }

    private ServiceProcess identityServer(Path identityData) {
        Path jar = options.repo().resolve("identity-server").resolve("target").resolve("identity-server-0.1.0-SNAPSHOT-exec.jar");
        Ports ports = options.ports();
        List<String> serviceOrigins = new ArrayList<>();
        List<String> dashboards = new ArrayList<>();
        for (int instance = 1; instance <= options.instances(); instance++) {
            for (int base : List.of(ports.agreements(), ports.logistics(), ports.reporting())) {
                serviceOrigins.add("http://localhost:" + ports.service(base, instance));
            }
            dashboards.add("http://localhost:" + ports.service(ports.reporting(), instance));
        }
        List<String> devRedirects = new ArrayList<>(List.of(DemoLogin.REDIRECT_URI));
        serviceOrigins.forEach(origin -> devRedirects.add(origin + "/swagger-ui/oauth2-redirect.html"));
        return new ServiceProcess("identity-server", ports.identity(), jar, Map.of(
                "SERVER_PORT", String.valueOf(ports.identity()),
                "IDENTITY_ISSUER", identityUrl(),
                // every reporting instance serves the dashboard and signs its users in
                "IDENTITY_DASHBOARD_REDIRECT_URI", String.join(",",
                        dashboards.stream().map(dashboard -> dashboard + "/login/oauth2/code/shelters").toList())),
                List.of("--identity.data-dir=" + identityData,
                        // the documented demo users: this is a development stack
                        "--identity.demo.enabled=true",
                        // it ends when this process is gone, even after a SIGKILL of it
                        "--identity.parent-pid=" + ProcessHandle.current().pid(),
                        // the clients' URLs follow --ports (the defaults say the same for 8081-8083)
                        "--identity.allowed-origins=" + String.join(",", serviceOrigins),
                        "--spring.security.oauth2.authorizationserver.client.dev.registration.redirect-uris="
                                + String.join(",", devRedirects),
                        "--spring.security.oauth2.authorizationserver.client.dashboard.registration.post-logout-redirect-uris="
                                + String.join(",", dashboards.stream().map(dashboard -> dashboard + "/dashboard/").toList())),
                ServiceProcess.Readiness.DISCOVERY, options.logDir());
    }

    private PartnerSheltersFile partnerShelters() {
        return new PartnerSheltersFile(options.dataDir().resolve("identity"));
    }

    private DemoClient demoClient() {
        return new DemoClient(services.get(0).url(), services.get(1).url(), services.get(2).url(),
                new DemoLogin(identityUrl())::accessToken);
    }

    /**
     * The demo was loaded by an earlier start: its partner shelters are looked up again and written
     * for the identity server, so partner sign-ins work whatever start wrote (or lost) the file.
     */
    private void republishPartnerShelters() {
        try {
            DemoPartners.republish(demoClient(), partnerShelters());
        } catch (IOException e) {
            log("demo partner shelters not published: %s (partner-1 and partner-2 act for no shelter until the next start)",
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Instance 1 of a service is named as the service ({@code reporting-service}, log
     * {@code reporting-service.log}); instance i > 1 {@code reporting-service-i}. Every instance of
     * a service shares its database and its consumer group: they are one service to the store and
     * the broker.
     */
    private ServiceProcess service(String service, int instance, int port, String database) {
        String name = instance == 1 ? service : service + "-" + instance;
        Path jar = options.repo().resolve(service).resolve("target").resolve(service + "-0.1.0-SNAPSHOT-exec.jar");
        return new ServiceProcess(name, port, jar, Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SPRING_MONGODB_URI", "mongodb://localhost:" + options.ports().mongo() + "/" + database,
                "SPRING_MONGODB_DATABASE", database,
                "SERVER_PORT", String.valueOf(port),
                // the default is http://localhost:9000; said explicitly so that --ports is followed
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", identityUrl(),
                // a service ends when this process is gone, even after a SIGKILL of it
                "PLATFORM_PARENT_PID", String.valueOf(ProcessHandle.current().pid())), options.logDir());
    }

    private void loadDemo(Path marker) throws IOException {
        List<DemoStep> steps = new ArrayList<>();
        ServiceLoader.load(DemoStep.class).forEach(steps::add);
        steps.sort(Comparator.comparingInt(DemoStep::order));
        DemoClient client = demoClient();
        // the day of the FIRST attempt: a load interrupted before midnight resumes with the same
        // bodies, so every Idempotency-Key replays instead of being refused as reused
        Path startedOn = marker.resolveSibling("demo-started");
        if (!Files.exists(startedOn)) {
            Files.writeString(startedOn, LocalDate.now(ZoneOffset.UTC).toString());
        }
        DemoContext context = new DemoContext(LocalDate.parse(Files.readString(startedOn).trim()), partnerShelters());
        log("demo programme loading through the services' commands (first start only; a minute or two) ...");
        long loading = System.nanoTime();
        for (DemoStep step : steps) {
            long t0 = System.nanoTime();
            try {
                step.run(client, context);
            } catch (Exception e) {
                if (!stopRequested) {
                    log("demo step '%s' failed: %s (services keep running; fix and restart to retry)", step.name(),
                            e.getMessage() != null ? e.getMessage() : e.toString());
                }
                return;
            }
            note("demo: {} loaded in {} s", step.name(), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        }
        Files.writeString(marker, LocalDate.now(ZoneOffset.UTC).toString());
        log("demo programme loaded in %.1f s: %s", (System.nanoTime() - loading) / 1e9,
                String.join("; ", steps.stream().map(DemoStep::name).toList()));
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
        String tokenScript = options.ports().identity() == Ports.DEFAULT.identity() ? "./local-stack/token.sh"
                : "IDENTITY_ISSUER=" + identityUrl() + " ./local-stack/token.sh";
        log("");
        log("The Shelter Support Programme platform is running:");
        log("  dashboard            %s/dashboard/  (sign in, e.g. analyst / analyst-demo)", services.get(2).url());
        for (int i = 5; i < services.size(); i += 3) {
            // the instances' session cookies share a name (cookies ignore the port): one dashboard per browser
            log("  dashboard            %s/dashboard/  (instance %d; in another browser than the first)", services.get(i).url(),
                    i / 3 + 1);
        }
        for (ServiceProcess service : services) {
            log("  %-20s %s  (OpenAPI %s/v3/api-docs, Swagger UI %s/swagger-ui.html)", service.name(), service.url(),
                    service.url(), service.url());
        }
        log("  %-20s %s  (discovery %s/.well-known/openid-configuration)", identity.name(), identity.url(), identity.url());
        log("  Kafka                localhost:%d     Mongo  mongodb://localhost:%d   (plaintext, loopback only)",
                options.ports().kafka(), options.ports().mongo());
        log("Every API call needs an access token:");
        log("  curl -H \"Authorization: Bearer $(%s programme)\" %s/api/shelters", tokenScript, services.get(0).url());
        log("Demo users (password: the user name followed by -demo, development only):");
        log("  programme (programme officer)  logistics (logistics officer)  analyst  donor  operations  admin");
        log("  partner-1 (Albergue Hermanos en el Camino)  partner-2 (Albergue Hogar de la Misericordia)");
        log("Press Ctrl-C to stop everything.");
    }

    /** The service URLs of instance 1, agreements, logistics, reporting, once started. */
    List<String> serviceUrls() {
        return serviceUrls(1);
    }

    /** The service URLs of {@code instance} (1 to {@code --instances}), agreements, logistics, reporting. */
    List<String> serviceUrls(int instance) {
        return services.subList(3 * (instance - 1), 3 * instance).stream().map(ServiceProcess::url).toList();
    }

    /** The supervised services (for tests). */
    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** The supervised identity server (for tests). */
    ServiceProcess identity() {
        return identity;
    }

    synchronized void stop() {
        stopRequested = true;
        boolean running = !services.isEmpty() || identity != null || kafka != null || mongo != null;
        // all at once: none is restarted by its supervisor while another is still stopping
        List<ServiceProcess> children = new ArrayList<>(services);
        if (identity != null) {
            children.add(identity);
        }
        children.forEach(ServiceProcess::requestStop);
        children.forEach(ServiceProcess::awaitStopped);
        services.clear();
        identity = null;
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (mongo != null) {
            mongo.close();
            mongo = null;
        }
        if (running) {
            log("stopped: services, identity server, broker and store are down; data kept in %s", options.dataDir());
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[local-stack] " + String.format(format, args));
    }

    /** To local-stack.log only. Not a static logger field: logback must not open that file before --reset. */
    private static void note(String format, Object... args) {
        LoggerFactory.getLogger(LocalStack.class).info(format, args);
    }

    /**
     * Fixed by default (clients and docs rely on them); overridable so tests can run beside a developer's stack.
     * The service ports are instance 1's; instance i of a service listens {@value #INSTANCE_STEP} (i - 1) above.
     */
    record Ports(int kafka, int kafkaController, int mongo, int agreements, int logistics, int reporting, int identity) {
        static final Ports DEFAULT = new Ports(9092, 9093, 27017, 8081, 8082, 8083, 9000);
        /** 8081, 8091, 8101, 8111: the service's last digit stays, and four instances fit below 8120. */
        static final int INSTANCE_STEP = 10;

        /** The port of {@code instance} (from 1) of the service whose instance 1 is on {@code base}. */
        int service(int base, int instance) {
            return base + INSTANCE_STEP * (instance - 1);
        }

        /** Every port a stack of {@code instances} instances listens on. */
        List<Integer> all(int instances) {
            List<Integer> all = new ArrayList<>(List.of(kafka, kafkaController, mongo, identity));
            for (int instance = 1; instance <= instances; instance++) {
                for (int base : List.of(agreements, logistics, reporting)) {
                    all.add(service(base, instance));
                }
            }
            return all;
        }

        /** Refuses ports out of range, and two parts on one port (an instance's port can fall on another part's). */
        void check(int instances) {
            List<Integer> all = all(instances);
            for (int port : all) {
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException("port " + port + " is out of range (1 to 65535)"
                            + (instances > 1 ? " with --instances=" + instances : ""));
                }
            }
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            List<String> twice = all.stream().filter(port -> !seen.add(port)).map(String::valueOf).distinct().toList();
            if (!twice.isEmpty()) {
                throw new IllegalArgumentException("port " + String.join(", ", twice) + " would be used twice with --instances="
                        + instances + " (instance i of a service listens on its port + " + INSTANCE_STEP
                        + " (i - 1)): choose other --ports");
            }
        }

        /** Six numbers keep the identity server on 9000 (the issuer the services expect by default); a seventh moves it. */
        static Ports parse(String text) {
            String[] parts = text.split(",");
            if (parts.length != 6 && parts.length != 7) {
                throw new IllegalArgumentException(
                        "--ports takes six or seven numbers: kafka,controller,mongo,agreements,logistics,reporting[,identity]");
            }
            int[] p = new int[7];
            p[6] = DEFAULT.identity();
            for (int i = 0; i < parts.length; i++) {
                try {
                    p[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--ports takes numbers; '" + parts[i].trim() + "' is not one");
                }
            }
            return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
        }

        /** As {@code --ports} takes them. */
        String argument() {
            return kafka + "," + kafkaController + "," + mongo + "," + agreements + "," + logistics + "," + reporting + "," + identity;
        }
    }

    /** @param instances how many instances of each service (1 to {@value #MAX_INSTANCES}) */
    record Options(boolean reset, boolean demo, boolean verbose, Path dataDir, Path repo, Ports ports, int instances) {

        static final int MAX_INSTANCES = 4;

        Options {
            if (instances < 1 || instances > MAX_INSTANCES) {
                throw new IllegalArgumentException("--instances takes 1 to " + MAX_INSTANCES + ", not " + instances);
            }
            ports.check(instances);
        }

        Options(boolean reset, boolean demo, boolean verbose, Path dataDir, Path repo, Ports ports) {
            this(reset, demo, verbose, dataDir, repo, ports, 1);
        }

        /** One log file per child JVM, and local-stack.log. */
        Path logDir() {
            return dataDir.resolve("logs");
        }

        static Options parse(String[] args) {
            Ports ports = Ports.DEFAULT;
            boolean reset = false;
            boolean demo = true;
            boolean verbose = false;
            Path repo = Path.of(System.getProperty("localstack.repo", ".")).toAbsolutePath().normalize();
            Path dataDir = null;
            int instances = 1;
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
                } else if (arg.startsWith("--instances=")) {
                    instances = instances(arg.substring("--instances=".length()));
                } else if (arg.startsWith("--repo=")) {
                    repo = Path.of(arg.substring("--repo=".length())).toAbsolutePath().normalize();
                } else {
                    throw new IllegalArgumentException("unknown option " + arg
                            + " (options: --reset --no-demo --verbose --data-dir=PATH --repo=PATH --ports=K,C,M,A,L,R[,I]"
                            + " --instances=N)");
                }
            }
            return new Options(reset, demo, verbose, dataDir != null ? dataDir : repo.resolve(".local-stack"), repo, ports,
                    instances);
        }

        private static int instances(String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--instances takes a whole number, 1 to " + MAX_INSTANCES + ", not '" + value + "'");
            }
        }
    }
}
