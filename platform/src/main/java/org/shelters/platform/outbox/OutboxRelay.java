package org.shelters.platform.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.RetriableException;
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
 * <p>One relay per service instance; N instances share the aggregate collections through
 * {@link RelayLeases} (a lease per collection in the store), so an event is not published twice in
 * normal operation, and a dead instance's collections are taken over within seconds.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    static final String PENDING_INDEX = "outbox_pending";
    static final String FAILURES = "outboxFailures";
    static final String LAST_ERROR = "outboxLastError";
    static final String PARKED = "outboxParked";
    private static final String UPDATED_AT = "updatedAt";
    /** Documents with events to publish, except parked ones (an operator decides about those). */
    private static final Bson HAS_OUTBOX = Filters.exists("outbox.0");
    private static final Bson PENDING = Filters.and(HAS_OUTBOX, Filters.ne(PARKED, true));
    static final Bson PARKED_DOCUMENTS = Filters.eq(PARKED, true);

    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();
    private final Duration sweepInterval;
    private final Duration sendTimeout;
    private final int batchSize;
    private final int maxAttempts;
    private final RelayLeases leases;
    /** A dead relay's collections are taken over this long after its last renewal. */
    static final Duration LEASE = Duration.ofSeconds(6);
    private final AtomicLong parked = new AtomicLong();
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
                       Duration sweepInterval, Duration sendTimeout, int batchSize, int maxAttempts, Clock clock,
                       MeterRegistry meters) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.collections.addAll(collections);
        this.sweepInterval = sweepInterval;
        this.sendTimeout = sendTimeout;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.leases = new RelayLeases(mongo, clock, LEASE);
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get)
                .description("Events stored but not yet acknowledged by Kafka").baseUnit("events").register(meters);
        Gauge.builder("outbox.oldest.pending.age", oldestPendingMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest event not yet acknowledged by Kafka").baseUnit("seconds").register(meters);
        Gauge.builder("outbox.parked.aggregates", parked, AtomicLong::get)
                .description("Aggregates whose events the relay stopped trying to publish; an operator must retry or drop them")
                .register(meters);
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
                    .name(PENDING_INDEX).partialFilterExpression(HAS_OUTBOX));
        } catch (RuntimeException e) {
            log.warn("could not create the outbox index on {}: {}", collection, e.toString());
        }
    }

    /** The aggregate collections this relay sweeps. */
    public Set<String> collections() {
        return Set.copyOf(collections);
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
        try {
            // after the last pass: another instance carries on at once instead of after the lease
            leases.releaseAll();
        } catch (RuntimeException e) {
            log.debug("could not give the relay leases back: {}", e.toString());
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
        RuntimeException failure = null;
        for (String collection : collections) {
            try {
                if (!leases.holds(collection)) {
                    continue;   // another instance relays this collection
                }
                published += publishPending(mongo.getCollection(collection));
            } catch (RuntimeException e) {
                // one collection's trouble (or the broker being away) must not hold back the others
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null && published == 0) {
            throw failure;
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
        RuntimeException[] failures = new RuntimeException[documents.size()];
        for (int round = 0; round < rounds; round++) {
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
                int owner = owners.get(k);
                try {
                    one.result().get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures[owner] = new IllegalStateException("interrupted while publishing", e);
                    stopped[owner] = true;
                    continue;
                } catch (Exception e) {
                    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                    failures[owner] = new IllegalStateException("Kafka did not acknowledge " + one.entry().type() + " "
                            + one.entry().eventId() + ": " + describe(cause), cause);
                    stopped[owner] = true;
                    continue;
                }
                acknowledged.get(owner).add(one.entry().eventId());
                publishLatency.record(Duration.between(one.entry().recordedAt(), clock.instant()));
                meters.counter("outbox.published", "topic", one.entry().topic()).increment();
            }
        }
        int published = 0;
        for (int i = 0; i < documents.size(); i++) {
            List<String> done = acknowledged.get(i);
            if (!done.isEmpty()) {
                collection.updateOne(Filters.eq("_id", documents.get(i).get("_id")), Updates.combine(
                        Updates.pullByFilter(new Document("outbox", new Document("eventId", new Document("$in", done)))),
                        Updates.unset(FAILURES), Updates.unset(LAST_ERROR)));
                published += done.size();
            }
        }
        RuntimeException first = null;
        for (int i = 0; i < documents.size(); i++) {
            if (failures[i] != null) {
                // the broker answered others in this pass, or refused this record for good: the fault is the record's
                boolean recordsFault = published > 0 || !retriable(failures[i]);
                recordFailure(collection, documents.get(i), failures[i], recordsFault);
                first = first == null ? failures[i] : first;
            }
        }
        if (first != null && published == 0) {
            throw first;
        }
        return published;
    }

    /** The failure and its causes, so an operator sees the broker's reason (e.g. RecordTooLargeException). */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 400; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.length() == 0 ? "" : "; caused by ").append(t.getClass().getSimpleName())
                    .append(t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return text.toString();
    }

    private static boolean retriable(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts a failed attempt on the aggregate; after {@code maxAttempts} attempts that failed for
     * the record's own sake the aggregate is parked: its events stay in order in its outbox, the
     * relay skips it (so it never holds back another aggregate), and it shows in
     * {@code outbox_parked_aggregates} and the {@code outbox} operator endpoint until an operator
     * retries or drops the event.
     */
    private void recordFailure(MongoCollection<Document> collection, Document document, RuntimeException failure,
                               boolean recordsFault) {
        Object id = document.get("_id");
        String error = String.valueOf(failure.getMessage());
        if (!recordsFault) {
            return;
        }
        Document after = collection.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(Updates.inc(FAILURES, 1),
                Updates.set(LAST_ERROR, error.length() > 500 ? error.substring(0, 500) : error)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(Projections.include(FAILURES)));
        Object attempts = after == null ? null : after.get(FAILURES);
        if (attempts instanceof Number n && n.intValue() >= maxAttempts) {
            collection.updateOne(Filters.eq("_id", id), Updates.set(PARKED, true));
            meters.counter("outbox.parked", "collection", collection.getNamespace().getCollectionName()).increment();
            log.error("outbox: parked {} {} after {} failed attempts; its events wait in order until an operator retries "
                    + "or drops them (see the runbook): {}", collection.getNamespace().getCollectionName(), id, n, error);
        } else {
            log.warn("outbox: {} {} not published (attempt {}): {}", collection.getNamespace().getCollectionName(), id,
                    attempts, error);
        }
    }

    private Sent send(OutboxEntry entry) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(entry.topic(), entry.key(),
                entry.payload().getBytes(StandardCharsets.UTF_8));
        if (entry.traceparent() != null) {
            record.headers().add("traceparent", entry.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add("ce_type", entry.type().getBytes(StandardCharsets.UTF_8));
        try {
            return new Sent(entry, kafka.send(record));
        } catch (RuntimeException refusedAtOnce) {
            // e.g. a record over max.request.size: a failure of this aggregate only, never of the pass
            return new Sent(entry, CompletableFuture.failedFuture(refusedAtOnce));
        }
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
            long parkedNow = 0;
            Instant oldest = null;
            for (String name : collections) {
                parkedNow += mongo.getCollection(name).countDocuments(PARKED_DOCUMENTS);
                for (Document document : mongo.getCollection(name).find(HAS_OUTBOX)
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
            parked.set(parkedNow);
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
