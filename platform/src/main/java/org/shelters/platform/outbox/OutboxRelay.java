package org.shelters.platform.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.conversions.Bson;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes the events waiting in aggregate documents, then removes each one, and only after
 * Kafka acknowledged it (acks=all, idempotent producer). Woken right after every write, so the
 * normal path has no polling delay; it also sweeps every {@code sweepInterval}, which publishes
 * events written while Kafka was down or before a crash. Events of one aggregate are sent in
 * order on one key, one at a time per aggregate, and only the acknowledged prefix is removed, so
 * per-aggregate order holds.
 *
 * <p>One relay per service instance. Two instances may publish the same event twice; consumers
 * are idempotent, so that costs a duplicate, never a loss.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    static final String PENDING_INDEX = "outbox_pending";
    private static final String UPDATED_AT = "updatedAt";
    private static final Bson PENDING = Filters.exists("outbox.0");

    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();
    private final Duration sweepInterval;
    private final Duration sendTimeout;
    private final int batchSize;
    private final Clock clock;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final Timer publishLatency;
    private final MeterRegistry meters;
    private volatile boolean running;
    private volatile Thread worker;
    private volatile Instant lastMeasured = Instant.EPOCH;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, List<String> collections,
                       Duration sweepInterval, Duration sendTimeout, int batchSize, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.collections.addAll(collections);
        this.sweepInterval = sweepInterval;
        this.sendTimeout = sendTimeout;
        this.batchSize = batchSize;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get)
                .description("Events stored but not yet acknowledged by Kafka").baseUnit("events").register(meters);
        Gauge.builder("outbox.oldest.pending.age", oldestPendingMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest event not yet acknowledged by Kafka").baseUnit("seconds").register(meters);
        this.publishLatency = Timer.builder("outbox.publish.latency")
                .description("From recording an event to Kafka's acknowledgement")
                .publishPercentileHistogram().register(meters);
    }

    /**
     * Collections this relay sweeps. Stores register theirs on first use; config lists them up front.
     * The first registration creates the partial index the sweep reads: only documents with a
     * pending outbox are in it, so a sweep costs what is pending, not the collection's size.
     */
    public void register(String collection) {
        collections.add(collection);
        if (indexed.add(collection)) {
            ensurePendingIndex(collection);
        }
    }

    private void ensurePendingIndex(String collection) {
        try {
            mongo.getCollection(collection).createIndex(Indexes.ascending(UPDATED_AT), new IndexOptions()
                    .name(PENDING_INDEX).partialFilterExpression(PENDING));
        } catch (RuntimeException e) {
            log.warn("could not create the outbox index on {}: {}", collection, e.toString());
        }
    }

    /** Called after every write that added events. Cheap, never blocks. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            wake();
            thread.interrupt();
            try {
                thread.join(sendTimeout.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start after Kafka and Mongo clients, stop before them
        return Integer.MAX_VALUE - 100;
    }

    private void loop() {
        Duration failureBackoff = Duration.ofMillis(200);
        while (running) {
            try {
                wakeups.drainPermits();
                int published = publishPending();
                measureBacklogIfDue();
                failureBackoff = Duration.ofMillis(200);
                if (published == 0) {
                    wakeups.tryAcquire(sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("outbox relay could not publish, retrying in {} ms: {}", failureBackoff.toMillis(), e.toString());
                measureBacklog();
                sleep(failureBackoff);
                failureBackoff = failureBackoff.multipliedBy(2).compareTo(sweepInterval.multipliedBy(5)) > 0
                        ? sweepInterval.multipliedBy(5) : failureBackoff.multipliedBy(2);
            }
        }
    }

    /**
     * One pass over every registered collection.
     *
     * @return how many events were acknowledged and removed
     */
    public int publishPending() {
        int published = 0;
        for (String collection : collections) {
            published += publishPending(mongo.getCollection(collection));
        }
        return published;
    }

    private int publishPending(MongoCollection<Document> collection) {
        List<Document> documents = collection.find(PENDING).sort(Sorts.ascending(UPDATED_AT))
                .projection(Projections.include("outbox")).limit(batchSize).into(new ArrayList<>());
        if (documents.isEmpty()) {
            return 0;
        }
        // In rounds: round k sends the k-th pending event of every document and waits for all of
        // them, so an aggregate never has two events in flight. Otherwise a failed batch could let
        // a later event of the same key overtake an earlier one, and consumers that dedupe by
        // sequence would then drop the earlier one as stale.
        List<List<OutboxEntry>> pending = new ArrayList<>(documents.size());
        List<List<String>> acknowledged = new ArrayList<>(documents.size());
        int rounds = 0;
        for (Document document : documents) {
            List<OutboxEntry> entries = document.getList("outbox", Document.class).stream().map(OutboxEntry::from).toList();
            pending.add(entries);
            acknowledged.add(new ArrayList<>());
            rounds = Math.max(rounds, entries.size());
        }
        boolean[] stopped = new boolean[documents.size()];
        RuntimeException failure = null;
        for (int round = 0; round < rounds && failure == null; round++) {
            List<Integer> owners = new ArrayList<>();
            List<Sent> sent = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                if (!stopped[i] && round < pending.get(i).size()) {
                    owners.add(i);
                    sent.add(send(pending.get(i).get(round)));
                }
            }
            for (int k = 0; k < sent.size(); k++) {
                Sent one = sent.get(k);
                try {
                    one.result().get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted while publishing", e);
                    stopped[owners.get(k)] = true;
                    continue;
                } catch (Exception e) {
                    failure = new IllegalStateException("Kafka did not acknowledge " + one.entry().type() + " "
                            + one.entry().eventId() + ": " + e.getMessage(), e);
                    stopped[owners.get(k)] = true;
                    continue;
                }
                acknowledged.get(owners.get(k)).add(one.entry().eventId());
                publishLatency.record(Duration.between(one.entry().recordedAt(), clock.instant()));
                meters.counter("outbox.published", "topic", one.entry().topic()).increment();
            }
        }
        int published = 0;
        for (int i = 0; i < documents.size(); i++) {
            List<String> done = acknowledged.get(i);
            if (!done.isEmpty()) {
                collection.updateOne(Filters.eq("_id", documents.get(i).get("_id")),
                        Updates.pullByFilter(new Document("outbox", new Document("eventId", new Document("$in", done)))));
                published += done.size();
            }
        }
        if (failure != null) {
            throw failure;
        }
        return published;
    }

    private Sent send(OutboxEntry entry) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(entry.topic(), entry.key(),
                entry.payload().getBytes(StandardCharsets.UTF_8));
        if (entry.traceparent() != null) {
            record.headers().add("traceparent", entry.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add("ce_type", entry.type().getBytes(StandardCharsets.UTF_8));
        return new Sent(entry, kafka.send(record));
    }

    private void measureBacklogIfDue() {
        if (Duration.between(lastMeasured, clock.instant()).compareTo(sweepInterval) >= 0) {
            measureBacklog();
        }
    }

    /** Counts pending events and the age of the oldest one, for the gauges. */
    public void measureBacklog() {
        try {
            long pending = 0;
            Instant oldest = null;
            for (String name : collections) {
                for (Document document : mongo.getCollection(name).find(PENDING)
                        .projection(Projections.include("outbox.recordedAt"))) {
                    for (Document entry : document.getList("outbox", Document.class)) {
                        pending++;
                        java.util.Date recorded = entry.getDate("recordedAt");
                        if (recorded != null && (oldest == null || recorded.toInstant().isBefore(oldest))) {
                            oldest = recorded.toInstant();
                        }
                    }
                }
            }
            Instant now = clock.instant();
            backlog.set(pending);
            oldestPendingMillis.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis()));
            lastMeasured = now;
        } catch (RuntimeException e) {
            log.debug("could not measure the outbox backlog: {}", e.toString());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Sent(OutboxEntry entry, CompletableFuture<SendResult<String, byte[]>> result) {
    }
}
