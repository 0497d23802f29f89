package org.shelters.localstack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.shelters.testsupport.MongoWireServer;

/**
 * What durable acknowledgement costs on the local stack's store: single-document inserts per
 * second with one writer and with eight concurrent writers (group commit shares an fsync).
 * Not a test (figures, not assertions); run it with {@code ./local-stack/bench-store.sh}.
 */
public final class StoreDurabilityBenchmark {

    private StoreDurabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int perRun = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        for (int writers : new int[] {1, 8}) {
            double background = run(writers, perRun, false);
            double durable = run(writers, perRun, true);
            System.out.printf("[store] %d writer(s): durable %.0f inserts/s, background commit (the ceiling, loses the last"
                    + " second on a kill) %.0f/s, ratio %.2f%n", writers, durable, background, durable / background);
        }
    }

    private static double run(int writers, int perRun, boolean durable) throws Exception {
        {
            Path dir = Files.createTempDirectory("durable-bench");
            String file = dir.resolve("m.mv").toString();
            try (MongoWireServer server = new MongoWireServer(durable ? new HelloAwareH2Backend(file)
                    : new de.bwaldvogel.mongo.backend.h2.H2Backend(file)).bindRandomPort();
                 MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> docs = client.getDatabase("bench").getCollection("docs");
                docs.insertOne(new Document("_id", "warm-up"));
                AtomicInteger next = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(writers);
                long started = System.nanoTime();
                for (int w = 0; w < writers; w++) {
                    pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < perRun) {
                            docs.insertOne(new Document("_id", "d-" + i).append("payload", "x".repeat(500)));
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.MINUTES);
                double seconds = (System.nanoTime() - started) / 1e9;
                return perRun / seconds;
            }
        }
    }
}
