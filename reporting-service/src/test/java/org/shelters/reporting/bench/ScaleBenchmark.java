package org.shelters.reporting.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.reporting.bench.ScaleBenchmarkQueries.Query;
import org.shelters.reporting.bench.ScaleBenchmarkQueries.Result;
import org.shelters.testsupport.MongoWireServer;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.TestIssuer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Issue 13's scale targets of the read side, through the public HTTP API only: for each size
 * (shelters x days, default 12x60 then 1200x365) a fresh embedded KRaft broker and in-memory Mongo
 * wire-protocol store, the programme's events ({@link ScaleBenchmarkProgramme}), reporting-service
 * as its own JVM from the executable jar ({@link ScaleBenchmarkService}), caught up, then every
 * report query timed ({@link ScaleBenchmarkQueries}) and the process's peak resident set read.
 * Prints one table: p50 per size, ratio large/small (target at most 1.5 for one-shelter and paged
 * queries), the programme summary's p50 at the large size (target under 100 ms) and the peak RSS
 * (target under 512 MB), each met or missed.
 *
 * <p>Not a test (not run by {@code ./mvnw verify}); how to run it: {@code reporting-service/BENCHMARKS.md}.
 * Options: {@code -Dbench.sizes=12x60,1200x365 -Dbench.samples=50 -Dbench.warmup=10 -Dbench.export-samples=5
 * -Dbench.timeout-seconds=30 -Dbench.query-budget-seconds=60 -Dbench.catchup-minutes=20 -Dbench.partitions=3
 * -Dbench.jar=target/reporting-service-...-exec.jar}.
 */
public final class ScaleBenchmark {

    static final double RATIO_TARGET = 1.5;
    static final double SUMMARY_TARGET_MS = 100;
    static final double RSS_TARGET_MB = 512;
    static final String GROUP = "reporting-scale-bench";

    record Size(int shelters, int days) {
        static Size parse(String text) {
            String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
            return new Size(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }

        @Override
        public String toString() {
            return shelters + "x" + days;
        }
    }

    /** What one size measured. */
    record Run(Size size, long events, double produceSeconds, Duration healthy, Duration caughtUp, String catchUpNote,
               String figures, long deadLettered, Map<String, Result> results, double peakRssMb, double rssAfterCatchUpMb, String failure) {
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
        List<Size> sizes = new ArrayList<>();
        for (String size : System.getProperty("bench.sizes", "12x60,1200x365").split(",")) {
            sizes.add(Size.parse(size));
        }
        Path jar = ScaleBenchmarkService.findJar();
        System.out.printf("reporting-service jar: %s%n", jar.toAbsolutePath());
        List<Run> runs = new ArrayList<>();
        long started = System.nanoTime();
        for (Size size : sizes) {
            runs.add(run(size, jar));
        }
        printTable(runs);
        System.out.printf("total time %.1f min; load average now %s%n", (System.nanoTime() - started) / 6e10, loadAverage());
        System.exit(0);
    }

    static Run run(Size size, Path jar) throws Exception {
        int partitions = Integer.getInteger("bench.partitions", TestInfrastructure.PARTITIONS);
        System.out.printf("%n=== %s: %d shelters x %d days (load average %s) ===%n", size, size.shelters(), size.days(),
                loadAverage());
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, partitions);
        kafka.brokerProperty("auto.create.topics.enable", "false");
        kafka.brokerProperty("num.partitions", String.valueOf(partitions));
        kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
        kafka.afterPropertiesSet();
        MongoWireServer mongo = MongoWireServer.inMemory().bindRandomPort();
        ScaleBenchmarkService service = null;
        try {
            String bootstrap = kafka.getBrokersAsString();
            createTopics(bootstrap, partitions);

            ScaleBenchmarkProgramme programme = new ScaleBenchmarkProgramme(size.shelters(), size.days());
            long t0 = System.nanoTime();
            long events = programme.send(bootstrap);
            double produceSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("produced %,d events in %.1f s (%,.0f/s); last recordedtime %s%n", events, produceSeconds,
                    events / produceSeconds, programme.lastRecorded());

            TestIssuer issuer = TestInfrastructure.issuer();
            Path log = Path.of("target", "scale-bench", "reporting-" + size + ".log");
            service = ScaleBenchmarkService.start(jar, bootstrap, mongo.connectionString(), GROUP, issuer, log);
            ScaleBenchmarkService child = service;
            Thread killer = new Thread(child::close, "scale-bench-child-stop");
            Runtime.getRuntime().addShutdownHook(killer);
            System.out.printf("reporting-service pid %d on %s, memory store (mongo-java-server memory backend), log %s%n",
                    service.pid(), service.baseUrl(), log.toAbsolutePath());
            Duration healthy = service.awaitHealthy(Duration.ofMinutes(6));
            System.out.printf("healthy %.1f s after start%n", healthy.toMillis() / 1e3);

            ScaleBenchmarkQueries queries = new ScaleBenchmarkQueries(service.baseUrl(), analystToken(issuer),
                    Duration.ofSeconds(Integer.getInteger("bench.timeout-seconds", 30)));
            String[] note = {""};
            Duration caughtUp = awaitCatchUp(service, healthy, bootstrap, partitions, queries, programme.lastRecorded(), note);
            double rssAfterCatchUp = service.statusMb("VmRSS");
            long deadLettered = deadLettered(bootstrap, partitions);
            if (deadLettered > 0) {
                System.out.printf("ERROR %,d events were dead-lettered (invalid or failing): the figures miss them%n", deadLettered);
            }

            String figures = checkFigures(queries, programme);
            System.out.println(figures);

            Map<String, Result> results = new LinkedHashMap<>();
            int samples = Integer.getInteger("bench.samples", 50);
            int warmUp = Integer.getInteger("bench.warmup", 10);
            Duration budget = Duration.ofSeconds(Integer.getInteger("bench.query-budget-seconds", 60));
            for (Query query : queries(size, programme, queries, samples)) {
                service.requireAlive();
                results.put(query.name(), queries.measure(query, query.samples() < samples ? 1 : warmUp, budget));
            }
            double peak = service.statusMb("VmHWM");
            System.out.printf("reporting-service RSS: now %.0f MB, after catch-up %.0f MB, peak (VmHWM) %.0f MB%n",
                    service.statusMb("VmRSS"), rssAfterCatchUp, peak);
            service.close();
            Runtime.getRuntime().removeShutdownHook(killer);
            return new Run(size, events, produceSeconds, healthy, caughtUp, note[0], figures, deadLettered, results, peak,
                    rssAfterCatchUp, null);
        } catch (Exception | Error e) {
            String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            System.out.printf("ERROR size %s failed: %s%n", size, failure);
            e.printStackTrace(System.out);
            double peak = service != null ? service.statusMb("VmHWM") : -1;
            return new Run(size, 0, 0, null, null, "", "figures not checked", 0, Map.of(), peak, -1, failure);
        } finally {
            if (service != null) {
                service.close();
            }
            mongo.close();
            kafka.destroy();
        }
    }

    /** A real signed analyst token, minted again every 5 minutes (they last 15): signing is not timed, but costs CPU. */
    static java.util.function.Supplier<String> analystToken(TestIssuer issuer) {
        long[] minted = {0};
        String[] token = {null};
        return () -> {
            if (token[0] == null || System.nanoTime() - minted[0] > Duration.ofMinutes(5).toNanos()) {
                token[0] = issuer.token("ANALYST");
                minted[0] = System.nanoTime();
            }
            return token[0];
        };
    }

    /** The queries of issue 13, in the order they are timed. */
    static List<Query> queries(Size size, ScaleBenchmarkProgramme programme, ScaleBenchmarkQueries http, int samples) {
        int pageSize = 20;
        int middlePage = Math.max(0, (size.shelters() + pageSize - 1) / pageSize / 2);
        System.out.printf("middle page of the shelters list: %d%n", middlePage);
        int exportSamples = Integer.getInteger("bench.export-samples", 5);
        List<String> agreements = programme.agreementIds;
        // a fixed stride through the ids, so consecutive samples ask different shelters and agreements
        return List.of(
                new Query("GET /api/reports/shelters/{id}", true, samples,
                        i -> "/api/reports/shelters/" + ScaleBenchmarkProgramme.shelterId(spread(i, size.shelters()))),
                new Query("GET /api/reports/agreements/{id}/fulfilment", true, samples,
                        i -> "/api/reports/agreements/" + agreements.get(spread(i, agreements.size())) + "/fulfilment"),
                new Query("GET /api/reports/shelters?page=0&size=20", true, samples,
                        i -> "/api/reports/shelters?page=0&size=" + pageSize),
                new Query("GET /api/reports/shelters?page=<middle>&size=20", true, samples,
                        i -> "/api/reports/shelters?page=" + middlePage + "&size=" + pageSize),
                new Query("GET /api/reports/alerts?page=0", true, samples, i -> "/api/reports/alerts?page=0"),
                new Query("GET /api/reports/programme?groupBy=state", false, samples, i -> "/api/reports/programme?groupBy=state"),
                new Query("GET /api/reports/programme?groupBy=donor", false, samples, i -> "/api/reports/programme?groupBy=donor"),
                new Query("GET /api/reports/delivery-performance", false, samples, i -> "/api/reports/delivery-performance"),
                new Query("GET /api/reports/arrivals-trend", false, samples, i -> "/api/reports/arrivals-trend"),
                new Query("GET /api/reports/exports/3w.csv", false, exportSamples, i -> "/api/reports/exports/3w.csv"));
    }

    private static int spread(int i, int n) {
        return (int) ((i * 7919L) % n);
    }

    /**
     * Caught up when the service's consumer group has committed the end offset of every partition
     * (offsets are committed after the store write) and an answer's {@code asOf} has reached the last
     * event's recordedtime; the programme summary is asked, the one-shelter overview if it fails.
     */
    static Duration awaitCatchUp(ScaleBenchmarkService service, Duration healthy, String bootstrap, int partitions,
                                 ScaleBenchmarkQueries http, Instant lastRecorded, String[] note) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(Integer.getInteger("bench.catchup-minutes", 20)).toNanos();
        long lastReport = System.nanoTime();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (Topic<?> topic : Topics.ALL) {
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            while (System.nanoTime() < deadline) {
                service.requireAlive();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get();
                long behind = 0;
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    behind += end.getValue() - (at == null ? 0 : at.offset());
                }
                if (behind == 0) {
                    Duration offsetsDone = service.sinceStart();
                    // the answers' asOf as a second opinion, for at most two minutes (slow code answers nothing in time)
                    long asOfDeadline = Math.min(deadline, System.nanoTime() + Duration.ofMinutes(2).toNanos());
                    String asOfNote = awaitAsOf(http, lastRecorded, asOfDeadline);
                    note[0] = asOfNote;
                    double afterHealthy = (offsetsDone.toMillis() - healthy.toMillis()) / 1e3;
                    System.out.printf("caught up: %,d records consumed %.1f s after start, %.1f s after healthy "
                                    + "(%,.0f events/s after healthy, start-up not counted); %s%n", total,
                            offsetsDone.toMillis() / 1e3, afterHealthy, total / Math.max(afterHealthy, 0.001), asOfNote);
                    return offsetsDone;
                }
                if (System.nanoTime() - lastReport > 15_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("  catching up: %,d of %,d records behind, %.0f s since start, RSS %.0f MB%n", behind,
                            total, service.sinceStart().toMillis() / 1e3, service.statusMb("VmRSS"));
                }
                Thread.sleep(500);
            }
        }
        note[0] = "NOT caught up within the catch-up limit; queries measured anyway";
        System.out.println("ERROR " + note[0]);
        return null;
    }

    /**
     * A fast answer must also be right: the programme summary's totals against what was sent
     * (shelters, agreements, people received over the whole period, training sessions).
     */
    static String checkFigures(ScaleBenchmarkQueries http, ScaleBenchmarkProgramme programme) {
        ScaleBenchmarkQueries.Answer answer = http.get("/api/reports/programme");
        if (!answer.ok()) {
            return "figures check: MISSED, the programme summary answered " + answer.describe();
        }
        tools.jackson.databind.JsonNode totals = new tools.jackson.databind.ObjectMapper().readTree(answer.body())
                .path("data").path("totals");
        Map<String, long[]> checks = new LinkedHashMap<>();
        checks.put("shelters", new long[] {programme.shelters(), totals.path("shelters").asLong(-1)});
        checks.put("agreements", new long[] {programme.agreementIds.size(), totals.path("agreements").asLong(-1)});
        checks.put("peopleReceived", new long[] {programme.expectedPeople, totals.path("peopleReceived").asLong(-1)});
        checks.put("trainingSessions", new long[] {programme.expectedTrainings, totals.path("trainingSessions").asLong(-1)});
        StringBuilder out = new StringBuilder();
        boolean all = true;
        for (var check : checks.entrySet()) {
            boolean same = check.getValue()[0] == check.getValue()[1];
            all &= same;
            out.append(String.format(" %s %,d%s", check.getKey(), check.getValue()[1],
                    same ? "" : " (sent " + String.format("%,d", check.getValue()[0]) + ")"));
        }
        return "figures check (programme totals against the events sent): " + (all ? "met" : "MISSED") + ";" + out;
    }

    private static final Pattern AS_OF = Pattern.compile("\"asOf\"\\s*:\\s*\"([^\"]+)\"");

    /** Polls until an answer's asOf is at or after {@code lastRecorded}; says what it saw. */
    private static String awaitAsOf(ScaleBenchmarkQueries http, Instant lastRecorded, long deadline) throws InterruptedException {
        String lastSeen = "no answer";
        while (System.nanoTime() < deadline) {
            for (String path : List.of("/api/reports/programme", "/api/reports/shelters/" + ScaleBenchmarkProgramme.shelterId(0))) {
                ScaleBenchmarkQueries.Answer answer = http.get(path);
                if (!answer.ok()) {
                    lastSeen = path + " answered " + answer.describe();
                    continue;
                }
                Matcher asOf = AS_OF.matcher(answer.body());
                if (asOf.find()) {
                    Instant at = Instant.parse(asOf.group(1));
                    if (!at.plusMillis(1).isBefore(lastRecorded)) {
                        return "asOf " + at + " reached the last event (" + path + ")";
                    }
                    lastSeen = path + " asOf " + at;
                } else {
                    lastSeen = path + " has no asOf";
                }
                break;
            }
            Thread.sleep(500);
        }
        return "asOf never reached the last event (" + lastSeen + ")";
    }

    static void createTopics(String bootstrap, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (Topic<?> topic : Topics.ALL) {
                topics.add(new NewTopic(topic.name(), partitions, (short) 1));
                topics.add(new NewTopic(topic.deadLetterTopic(), partitions, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    static long deadLettered(String bootstrap, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (Topic<?> topic : Topics.ALL) {
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic.deadLetterTopic(), p), OffsetSpec.latest());
                }
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    static void printTable(List<Run> runs) {
        Run small = runs.get(0);
        Run large = runs.get(runs.size() - 1);
        StringBuilder out = new StringBuilder("\n=== scale benchmark of the read side (issue 13) ===\n");
        for (Run run : runs) {
            out.append(String.format("%s: %,d events produced in %.1f s; healthy %s after start; every offset consumed %s "
                            + "after start; %s%n    %s%s%s%n", run.size(), run.events(), run.produceSeconds(),
                    seconds(run.healthy()), seconds(run.caughtUp()), run.catchUpNote(), run.figures(),
                    run.deadLettered() > 0 ? "; ERROR " + run.deadLettered() + " dead-lettered" : "",
                    run.failure() != null ? "; ERROR " + run.failure() : ""));
        }
        out.append(String.format("%n%-50s", "query (p50, ms)"));
        for (Run run : runs) {
            out.append(String.format(" %12s", run.size()));
        }
        out.append(String.format(" %8s  %s%n", "ratio", "target ratio <= " + RATIO_TARGET + " (one-shelter and paged)"));
        List<String> names = new ArrayList<>();
        runs.forEach(run -> run.results().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add));
        for (String name : names) {
            out.append(String.format("%-50s", name));
            for (Run run : runs) {
                out.append(String.format(" %12s", cell(run.results().get(name))));
            }
            Result s = small.results().get(name);
            Result l = large.results().get(name);
            boolean target = (l != null ? l : s).ratioTarget();
            if (runs.size() > 1 && s != null && l != null && s.measured() && l.measured() && l.errors() == 0) {
                double ratio = l.p50() / s.p50();
                out.append(String.format(" %8.2f  %s%n", ratio, target ? (ratio <= RATIO_TARGET ? "met" : "MISSED") : "-"));
            } else if (runs.size() == 1) {
                out.append(String.format(" %8s  %s%n", "-", "(one size only)"));
            } else {
                out.append(String.format(" %8s  %s%n", "-", target ? "MISSED (errors or no measurement)" : "-"));
            }
        }
        Result summary = large.results().get("GET /api/reports/programme?groupBy=state");
        boolean summaryMet = summary != null && summary.measured() && summary.errors() == 0 && summary.p50() < SUMMARY_TARGET_MS;
        out.append(String.format("%nprogramme summary p50 at %s: %s ms (target < %.0f ms): %s%n", large.size(),
                summary == null || !summary.measured() ? "-" : String.format("%.1f", summary.p50()), SUMMARY_TARGET_MS,
                summaryMet ? "met" : "MISSED"));
        out.append(String.format("reporting-service peak RSS (VmHWM) at %s: %.0f MB (target < %.0f MB): %s%n", large.size(),
                large.peakRssMb(), RSS_TARGET_MB, large.peakRssMb() > 0 && large.peakRssMb() < RSS_TARGET_MB ? "met" : "MISSED"));
        for (Run run : runs) {
            run.results().values().stream().filter(r -> r.errors() > 0 || r.budgetHit()).forEach(r -> out.append(String.format(
                    "  %s %s: %d ok, %d errors%s%s%n", run.size(), r.name(), r.ok(), r.errors(),
                    r.budgetHit() ? ", time budget spent before all samples" : "",
                    r.firstError() != null ? "; first error: " + r.firstError() : "")));
        }
        out.append(String.format("machine: %d cores, load average %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage(), System.getProperty("java.vm.name"), System.getProperty("java.version")));
        out.append("rerun (from the repository root): ./mvnw -o -q -pl reporting-service package -DskipTests && cd "
                + "reporting-service && ../mvnw -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath "
                + "-Dmdep.includeScope=test && java -Xmx6g -Dbench.sizes="
                + System.getProperty("bench.sizes", "12x60,1200x365") + benchOptions()
                + " -cp target/test-classes:target/classes:$(cat target/bench.classpath) "
                + "org.shelters.reporting.bench.ScaleBenchmark\n");
        System.out.print(out);
    }

    /** The other {@code -Dbench.*} options this run was given, to repeat them. */
    private static String benchOptions() {
        StringBuilder options = new StringBuilder();
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("bench.") && !n.equals("bench.sizes"))
                .sorted().forEach(n -> options.append(" -D").append(n).append('=').append(System.getProperty(n)));
        return options.toString();
    }

    private static String cell(Result result) {
        if (result == null) {
            return "-";
        }
        if (!result.measured()) {
            return "ERR";
        }
        return String.format("%.1f%s", result.p50(), result.errors() > 0 ? " E" + result.errors() : "");
    }

    private static String seconds(Duration duration) {
        return duration == null ? "never" : String.format("%.1f s", duration.toMillis() / 1e3);
    }

    /** The embedded broker and store log every partition and config at INFO: only warnings, so the figures stand out. */
    private static void quietLogs() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
