package org.shelters.reporting.rebuild;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.claim.Claims;
import org.bson.Document;
import com.mongodb.client.model.Filters;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.shelters.reporting.Projections;
import org.shelters.reporting.audit.AuditEntry;
import org.shelters.reporting.audit.AuditTrail;
import org.shelters.reporting.audit.Audited;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.rollup.ProjectionIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Replays the three topics from offset 0 into a fresh generation of collections with its own
 * consumer ({@link Replay}: assigned partitions, no group), while the live generation keeps serving. When the
 * end offsets captured at start are reached it moves the {@code active_generation} pointer; live
 * batches of every instance write the new generation too from the start of the rebuild (see
 * {@link Generations}), so nothing written meanwhile is missing from it. One rebuild at a time
 * across instances: a lease document in the store ({@code rebuild_lease}). Records are read by
 * the platform's event deserializer (schema check, upcasters) and folded by the same
 * {@link Projections} as the live handlers, so a rebuild cannot read an event differently.
 * The audit trail is outside the generations ({@link AuditTrail}); the replay records every audited
 * event into it once more, which changes nothing there and fills in what is missing. The status of
 * the running or last rebuild is kept in the store too ({@code rebuild_status}, written about once a
 * second while it runs), so every instance answers it, not only the one that builds.
 */
@Service
public class RebuildService {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);

    /**
     * @param instance the opaque id of the instance that runs or ran the rebuild (each instance's
     *                 id changes with every start)
     */
    public record Status(String state, Integer generation, Integer activeGeneration, long applied, long total,
                         Instant startedAt, Instant finishedAt, String error, String instance) {

        Status(String state, Integer generation, Integer activeGeneration, long applied, long total,
               Instant startedAt, Instant finishedAt, String error) {
            this(state, generation, activeGeneration, applied, total, startedAt, finishedAt, error, null);
        }
    }

    private static final String STATUS_COLLECTION = "rebuild_status";
    private static final Duration PUBLISH_EVERY = Duration.ofSeconds(1);

    private final ProjectionStore store;
    private final Generations generations;
    private final Replay replay;
    private static final String LEASE = "rebuild";
    /** A rebuild whose instance died without releasing the lease; rebuilds of a million events take about a minute. */
    private static final Duration LEASE_STALE_AFTER = Duration.ofMinutes(15);
    /** Per service instance (not static: tests run two instances in one JVM). */
    private final String instance = java.util.UUID.randomUUID().toString();

    private final ProjectionIndexes indexes;
    private final Claims lease;
    private final MongoTemplate mongo;
    private volatile long publishedAt;
    private final AuditTrail audit;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile Status status;

    public RebuildService(ProjectionStore store, Generations generations, Replay replay, MeterRegistry meters,
                          MongoTemplate mongo, java.time.Clock clock, AuditTrail audit, ProjectionIndexes indexes) {
        this.audit = audit;
        this.indexes = indexes;
        this.lease = new Claims(mongo.getCollection("rebuild_lease"), clock);
        this.mongo = mongo;
        this.store = store;
        this.generations = generations;
        this.replay = replay;
        this.status = new Status("IDLE", null, generations.active(), 0, 0, null, null, null);
        Gauge.builder("reporting.rebuild.applied", applied, AtomicLong::get)
                .description("Events replayed by the running or last rebuild").register(meters);
        Gauge.builder("reporting.rebuild.total", total, AtomicLong::get)
                .description("Events the running or last rebuild replays").register(meters);
    }

    /**
     * This instance's rebuild while it runs one; otherwise the last one any instance recorded in the
     * store (this instance's own if none is recorded).
     */
    public Status status() {
        Status s = status;
        if (!"RUNNING".equals(s.state())) {
            Status shared = stored();
            if (shared != null && !instance.equals(shared.instance()) && (s.startedAt() == null
                    || (shared.startedAt() != null && shared.startedAt().isAfter(s.startedAt())))) {
                return new Status(shared.state(), shared.generation(), generations.active(), shared.applied(),
                        shared.total(), shared.startedAt(), shared.finishedAt(), shared.error(), shared.instance());
            }
        }
        return local();
    }

    private Status local() {
        Status s = status;
        return new Status(s.state(), s.generation(), generations.active(), applied.get(), total.get(), s.startedAt(),
                s.finishedAt(), s.error(), instance);
    }

    private Status stored() {
        try {
            Document d = mongo.getCollection(STATUS_COLLECTION).find(new Document("_id", LEASE)).first();
            if (d == null) {
                return null;
            }
            return new Status(d.getString("state"), d.getInteger("generation"), d.getInteger("activeGeneration"),
                    d.get("applied", Number.class).longValue(), d.get("total", Number.class).longValue(),
                    instant(d.getDate("startedAt")), instant(d.getDate("finishedAt")), d.getString("error"),
                    d.getString("instance"));
        } catch (RuntimeException e) {
            log.debug("could not read the shared rebuild status: {}", e.toString());
            return null;
        }
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    /** Records this instance's status in the store for the other instances; a failure only costs their view. */
    private void publish() {
        Status s = local();
        publishedAt = System.nanoTime();
        try {
            Document d = new Document("_id", LEASE).append("state", s.state()).append("generation", s.generation())
                    .append("activeGeneration", s.activeGeneration()).append("applied", s.applied())
                    .append("total", s.total()).append("error", s.error()).append("instance", instance)
                    .append("startedAt", s.startedAt() == null ? null : java.util.Date.from(s.startedAt()))
                    .append("finishedAt", s.finishedAt() == null ? null : java.util.Date.from(s.finishedAt()));
            mongo.getCollection(STATUS_COLLECTION).replaceOne(new Document("_id", LEASE), d,
                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
        } catch (RuntimeException e) {
            log.debug("could not record the rebuild status: {}", e.toString());
        }
    }

    public synchronized Status start() {
        if ("RUNNING".equals(status.state()) || !lease.claim(LEASE, new Document("instance", instance))
                && !lease.takeOverIfStale(LEASE, Claims.any(), LEASE_STALE_AFTER, new Document("instance", instance))) {
            throw Refusal.conflict("rebuild-running", "a rebuild is running"
                    + (status.generation() != null && "RUNNING".equals(status.state()) ? " into generation " + status.generation()
                    : " on another instance"));
        }
        Status shared = stored();
        int last = Math.max(status.generation() == null ? 0 : status.generation(),
                shared == null || shared.generation() == null ? 0 : shared.generation());
        int target = Math.max(generations.active(), last) + 1;
        Projections.DOCUMENTS.forEach(documents -> store.drop(documents, target));
        indexes.ensure(target);
        applied.set(0);
        total.set(0);
        status = new Status("RUNNING", target, generations.active(), 0, 0, Instant.now(), null, null);
        publish();
        Thread worker = new Thread(() -> run(target), "projection-rebuild-v" + target);
        worker.setDaemon(true);
        worker.start();
        return status();
    }

    private void run(int target) {
        try (KafkaConsumer<String, byte[]> consumer = replay.open()) {
            Optional<String> gap = replay.historyGap(consumer);
            if (gap.isPresent()) {
                log.error("rebuild into generation {} refused: {}", target, gap.get());
                status = new Status("REFUSED", target, generations.active(), 0, 0, status.startedAt(), Instant.now(),
                        gap.get());
                publish();
                Projections.DOCUMENTS.forEach(documents -> store.drop(documents, target));
                lease.release(LEASE, Filters.eq("instance", instance));
                return;
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(consumer.assignment());
            // from here every live batch, on every instance, also writes the new generation; what was
            // polled before is below the end offsets captured next, so the replay has it
            generations.startBuilding(target);
            Map<TopicPartition, Long> end = new HashMap<>(replay.endOffsets(consumer));
            end.forEach((tp, offset) -> total.addAndGet(offset - begin.get(tp)));
            replay.replayUntil(consumer, end, target, event -> true, new Replay.Listener() {
                @Override
                public void read() {
                    if (applied.incrementAndGet() % 1_000 == 0
                            && System.nanoTime() - publishedAt > PUBLISH_EVERY.toNanos()) {
                        publish();
                    }
                }

                @Override
                public void written(List<Replay.Folded> folded) {
                    // the trail is outside the generations: entries already there stay as they are, missing ones are filled in
                    List<AuditEntry> audited = new ArrayList<>();
                    for (Replay.Folded f : folded) {
                        String aggregate = Audited.TOPICS.get(f.topic());
                        if (aggregate != null) {
                            audited.add(AuditEntry.of(aggregate, f.event()));
                        }
                    }
                    audit.record(audited);
                }
            });
            generations.writeLock().lock();
            try {
                generations.activate(target);
            } finally {
                generations.writeLock().unlock();
            }
            status = new Status("DONE", target, target, applied.get(), total.get(), status.startedAt(), Instant.now(), null);
            publish();
            lease.release(LEASE, Filters.eq("instance", instance));
            log.info("rebuild into generation {} done: {} events", target, applied.get());
        } catch (RuntimeException e) {
            log.error("rebuild into generation {} failed", target, e);
            generations.abandonBuilding(target);
            lease.release(LEASE, Filters.eq("instance", instance));
            status = new Status("FAILED", target, generations.active(), applied.get(), total.get(), status.startedAt(),
                    Instant.now(), e.toString());
            publish();
        }
    }
}
