package org.shelters.reporting.bench;

import static org.shelters.reporting.Programme.*;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;
import org.shelters.events.EventPayload;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import org.shelters.reporting.Programme;
import org.shelters.reporting.ReportingApplication;
import org.shelters.reporting.projection.LiveProjections;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * (b) catch-up: 200,000 events already in the topics, then the service starts with a fresh
 * consumer group; events/s applied next to the raw insertMany ceiling of the same store, same run.
 * (a) freshness: then a steady 1,000 events/s for 30 s; p50/p99 from recordedtime to projection write.
 *
 * How to run it (plain {@code java} on the test classpath): see {@code reporting-service/BENCHMARKS.md}.
 * Options: -Dbench.backlog=200000 -Dbench.rate=1000 -Dbench.seconds=30 -Dbench.validate=true
 */
public final class ProjectionBenchmark {

    static final int SHELTERS = 12;
    static final int AGREEMENTS = 48;

    public static void main(String[] args) throws Exception {
        int backlog = Integer.getInteger("bench.backlog", 200_000);
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 30);
        System.setProperty("test.infra", System.getProperty("test.infra", "embedded"));
        TestInfrastructure infra = TestInfrastructure.get();
        Workload workload = new Workload();
        createTopics(infra.kafkaBootstrapServers());

        // ---- backlog ----
        long produceStart = System.nanoTime();
        try (Programme programme = new Programme(infra.kafkaBootstrapServers())) {
            workload.setUp().forEach(e -> programme.send(e));
            for (int i = 0; i < backlog - workload.setUpSize; i++) {
                programme.send(workload.next());
            }
        }
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        System.out.printf("produced %,d events in %.1f s%n", backlog, produceSeconds);

        // ---- raw write ceiling of the same store, same run ----
        double insertManyPerSecond = insertManyCeiling(infra.mongoUri(), backlog);
        System.out.printf("raw insertMany ceiling: %,.0f docs/s%n", insertManyPerSecond);

        // ---- catch-up ----
        AtomicLong applied = new AtomicLong();
        AtomicLong firstApplied = new AtomicLong();
        AtomicLong lastApplied = new AtomicLong();
        List<Long> steady = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger phase = new AtomicInteger(0);
        // as command-line arguments: they must win over application.yml (builder properties are only defaults)
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ReportingApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongoUri() + "/bench",
                "--spring.mongodb.database=bench",
                "--platform.consumer.group-id=bench-" + System.nanoTime(),
                "--server.port=0",
                "--platform.consumer.validate-schemas=" + System.getProperty("bench.validate", "true"),
                "--logging.level.root=WARN");
        try {
            app.getBean(LiveProjections.class).onFreshness(age -> {
                long now = System.nanoTime();
                firstApplied.compareAndSet(0, now);
                lastApplied.set(now);
                applied.incrementAndGet();
                if (phase.get() == 1) {
                    steady.add(age.toNanos());
                }
            });
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (applied.get() < backlog && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double catchUpSeconds = (lastApplied.get() - firstApplied.get()) / 1e9;
            double catchUpPerSecond = applied.get() / catchUpSeconds;
            System.out.printf("catch-up: %,d events applied in %.1f s = %,.0f events/s%n", applied.get(), catchUpSeconds,
                    catchUpPerSecond);
            System.out.printf("catch-up / insertMany ceiling = %.2f (target >= 0.30)%n", catchUpPerSecond / insertManyPerSecond);

            // ---- rebuild: the same backlog replayed by the rebuild consumer (no consumed-event log) ----
            org.shelters.reporting.rebuild.RebuildService rebuild = app.getBean(org.shelters.reporting.rebuild.RebuildService.class);
            long rebuildStart = System.nanoTime();
            rebuild.start();
            while ("RUNNING".equals(rebuild.status().state())) {
                Thread.sleep(20);
            }
            double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
            var rebuilt = rebuild.status();
            System.out.printf("rebuild: %s, %,d events replayed in %.1f s = %,.0f events/s (ratio to ceiling %.2f)%n",
                    rebuilt.state(), rebuilt.applied(), rebuildSeconds, rebuilt.applied() / rebuildSeconds,
                    rebuilt.applied() / rebuildSeconds / insertManyPerSecond);

            // ---- steady rate: freshness ----
            try (Programme programme = new Programme(infra.kafkaBootstrapServers())) {
                programme.flush();
                long intervalNanos = 10_000_000L; // 10 ms ticks
                int perTick = Math.max(1, rate / 100);
                long warmUpTicks = 500; // 5 s
                long ticks = warmUpTicks + seconds * 100L;
                long start = System.nanoTime();
                for (long tick = 0; tick < ticks; tick++) {
                    if (tick == warmUpTicks) {
                        phase.set(1);
                    }
                    LockSupport.parkNanos(start + tick * intervalNanos - System.nanoTime());
                    for (int i = 0; i < perTick; i++) {
                        programme.send(workload.next());
                    }
                }
            }
            Thread.sleep(2000);
            phase.set(2);
            long[] samples;
            synchronized (steady) {
                samples = steady.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            System.out.printf("freshness at %,d events/s over %d s (%,d samples): p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                            + "(target p99 < 500 ms)%n", rate, seconds, samples.length, ms(pct(samples, 50)),
                    ms(pct(samples, 99)), ms(samples.length == 0 ? 0 : samples[samples.length - 1]));
        } finally {
            app.close();
        }
        System.exit(0);
    }

    /** Created up front: auto-creation while an idempotent producer is already sending races in KRaft. */
    static void createTopics(String bootstrapServers) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", bootstrapServers))) {
            java.util.Set<String> existing = admin.listTopics().names().get();
            List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
            for (var topic : org.shelters.events.Topics.ALL) {
                for (String name : List.of(topic.name(), topic.deadLetterTopic())) {
                    if (!existing.contains(name)) {
                        topics.add(new org.apache.kafka.clients.admin.NewTopic(name, 3, (short) 1));
                    }
                }
            }
            admin.createTopics(topics).all().get();
            Thread.sleep(1000);
        }
    }

    static double insertManyCeiling(String mongoUri, int count) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> collection = client.getDatabase("bench_raw").getCollection("raw_" + System.nanoTime());
            String padding = "x".repeat(600);
            long start = System.nanoTime();
            List<Document> batch = new ArrayList<>(1000);
            for (int i = 0; i < count; i++) {
                batch.add(new Document("_id", "doc-" + i).append("seq", i).append("shelterId", "shelter-" + (i % SHELTERS))
                        .append("status", "DELIVERED").append("quantity", 10.5).append("payload", padding));
                if (batch.size() == 1000) {
                    collection.insertMany(batch);
                    batch = new ArrayList<>(1000);
                }
            }
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
            }
            double perSecond = count / ((System.nanoTime() - start) / 1e9);
            collection.drop();
            return perSecond;
        }
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * A programme-like mix: 40% daily arrival reports (12 shelters x 365 dates, then corrections), 1% training
     * sessions (48 agreements), 59% shipment lifecycle (planned, dispatched, delivered).
     */
    static final class Workload {
        int setUpSize;
        long counter;
        int shipment;
        long logistics;
        final Map<Integer, Integer> revisions = new HashMap<>();
        final LocalDate today = LocalDate.now();

        List<EventPayload> setUp() {
            List<EventPayload> events = new ArrayList<>();
            for (int s = 0; s < SHELTERS; s++) {
                events.add(shelter("shelter-" + s, "Shelter " + s, Arrays.asList("MX-CHP", "MX-OAX", "MX-SON").get(s % 3),
                        Corridor.values()[s % 3], 80));
            }
            for (int a = 0; a < AGREEMENTS; a++) {
                events.add(signed("agreement-" + a, "shelter-" + (a % SHELTERS), "donor-" + (a % 3), "PHASE-" + (a % 2),
                        terms(today.minusDays(100), today.plusDays(200), "50000",
                                line("L1", SupplyCategory.MEDICINES, "100000"), line("L2", SupplyCategory.HYGIENE_PRODUCTS, "50000"))));
            }
            setUpSize = events.size();
            return events;
        }

        EventPayload next() {
            long i = counter++;
            int kind = (int) (i % 100);
            if (kind < 40) {
                int shelter = (int) (i % SHELTERS);
                int day = (int) ((i / SHELTERS) % 365);
                int key = shelter * 1000 + day;
                int revision = revisions.merge(key, 1, Integer::sum);
                return arrivals("shelter-" + shelter, today.minusDays(day), revision, 100, 30, 40, 10, 15, 90);
            }
            if (kind == 40) {
                int a = (int) (i % AGREEMENTS);
                return training("agreement-" + a, "shelter-" + (a % SHELTERS), TrainingTopic.MIGRANT_RIGHTS, today, 5, 5);
            }
            int step = (int) (logistics++ % 3);
            if (step == 0) {
                shipment++;
            }
            int a = shipment % AGREEMENTS;
            String id = "shipment-" + shipment;
            String agreement = "agreement-" + a;
            String shelter = "shelter-" + (a % SHELTERS);
            Instant dispatched = Instant.now().minusSeconds(86_400);
            return switch (step) {
                case 0 -> planned(id, agreement, shelter, today, shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "10"));
                case 1 -> dispatched(id, agreement, shelter, dispatched, shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "10"));
                default -> delivered(id, agreement, shelter, dispatched, Instant.now(),
                        deliveredLine("S1", "L1", SupplyCategory.MEDICINES, "10", "9", "1", RejectionReason.DAMAGED));
            };
        }
    }
}
