package org.shelters.reporting.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.shelters.reporting.Programme;
import org.shelters.reporting.ReportingApplication;
import org.shelters.reporting.projection.LiveProjections;
import org.shelters.reporting.rebuild.ScratchGenerations;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What {@code ?knownAt=} costs: a backlog of the {@link ProjectionBenchmark} mix, half of it sent
 * before an instant and half after; once the live projections have caught up (so they do not
 * compete), the replay for "now" (every event folded), for the instant in the middle (every record
 * read, half folded) and a second ask of "now" (kept: no replay) are timed.
 *
 * Run as {@link ProjectionBenchmark} (see {@code reporting-service/BENCHMARKS.md}), class
 * {@code org.shelters.reporting.bench.KnownAtBenchmark}; option -Dbench.backlog=50000.
 */
public final class KnownAtBenchmark {

    public static void main(String[] args) throws Exception {
        int backlog = Integer.getInteger("bench.backlog", 50_000);
        System.setProperty("test.infra", System.getProperty("test.infra", "embedded"));
        TestInfrastructure infra = TestInfrastructure.get();
        ProjectionBenchmark.Workload workload = new ProjectionBenchmark.Workload();
        ProjectionBenchmark.createTopics(infra.kafkaBootstrapServers());
        Instant middle;
        try (Programme programme = new Programme(infra.kafkaBootstrapServers())) {
            workload.setUp().forEach(programme::send);
            for (int i = 0; i < backlog / 2 - workload.setUpSize; i++) {
                programme.send(workload.next());
            }
            programme.flush();
            Thread.sleep(5);
            middle = Instant.now();
            Thread.sleep(5);
            for (int i = 0; i < backlog - backlog / 2; i++) {
                programme.send(workload.next());
            }
        }
        AtomicLong applied = new AtomicLong();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ReportingApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongoUri() + "/bench",
                "--spring.mongodb.database=bench",
                "--platform.consumer.group-id=bench-" + System.nanoTime(),
                "--server.port=0",
                "--reporting.known-at.settle=0s",
                "--logging.level.root=WARN",
                "--logging.level.org.shelters.reporting.rebuild.ScratchGenerations=INFO");
        try {
            app.getBean(LiveProjections.class).onFreshness(age -> applied.incrementAndGet());
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (applied.get() < backlog && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1000);
            ScratchGenerations scratch = app.getBean(ScratchGenerations.class);
            Instant now = Instant.now();
            time("knownAt now (all folded)", backlog, () -> scratch.lease(now).close());
            time("knownAt middle (half folded)", backlog, () -> scratch.lease(middle).close());
            time("knownAt now again (kept)", backlog, () -> scratch.lease(now).close());
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static void time(String what, int records, Runnable run) {
        long start = System.nanoTime();
        run.run();
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf("%s: %,.0f ms for %,d records = %.1f ms per 1,000 records%n", what, ms, records,
                ms / records * 1000);
    }
}
