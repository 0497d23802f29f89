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
 * event into it once more, which changes nothing there and fills in what is missing.
 */
@Service
public class RebuildService {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);

    public record Status(String state, Integer generation, Integer activeGeneration, long applied, long total,
                         Instant startedAt, Instant finishedAt, String error) {
    }

    private final ProjectionStore store;
    private final Generations generations;
    private final Replay replay;
    private static final String LEASE = "rebuild";
    /** A rebuild whose instance died without releasing the lease; rebuilds of a million events take about a minute. */
    private static final Duration LEASE_STALE_AFTER = Duration.ofMinutes(15);
    private static final String INSTANCE = java.util.UUID.randomUUID().toString();

    private final ProjectionIndexes indexes;
    private final Claims lease;
    private final AuditTrail audit;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile Status status;

    public RebuildService(ProjectionStore store, Generations generations, Replay replay, MeterRegistry meters,
                          MongoTemplate mongo, java.time.Clock clock, AuditTrail audit, ProjectionIndexes indexes) {
        this.audit = audit;
        this.indexes = indexes;
        this.lease = new Claims(mongo.getCollection("rebuild_lease"), clock);
        this.store = store;
        this.generations = generations;
        this.replay = replay;
        this.status = new Status("IDLE", null, generations.active(), 0, 0, null, null, null);
        Gauge.builder("reporting.rebuild.applied", applied, AtomicLong::get)
                .description("Events replayed by the running or last rebuild").register(meters);
        Gauge.builder("reporting.rebuild.total", total, AtomicLong::get)
                .description("Events the running or last rebuild replays").register(meters);
    }

    public Status status() {
        Status s = status;
        return new Status(s.state(), s.generation(), generations.active(), applied.get(), total.get(), s.startedAt(),
                s.finishedAt(), s.error());
    }

    public synchronized Status start() {
        if ("RUNNING".equals(status.state()) || !lease.claim(LEASE, new Document("instance", INSTANCE))
                && !lease.takeOverIfStale(LEASE, Claims.any(), LEASE_STALE_AFTER, new Document("instance", INSTANCE))) {
            throw Refusal.conflict("rebuild-running", "a rebuild is running"
                    + (status.generation() != null && "RUNNING".equals(status.state()) ? " into generation " + status.generation()
                    : " on another instance"));
        }
        int target = Math.max(generations.active(), status.generation() == null ? 0 : status.generation()) + 1;
        Projections.DOCUMENTS.forEach(documents -> store.drop(documents, target));
        indexes.ensure(target);
        applied.set(0);
        total.set(0);
        status = new Status("RUNNING", target, generations.active(), 0, 0, Instant.now(), null, null);
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
                Projections.DOCUMENTS.forEach(documents -> store.drop(documents, target));
                lease.release(LEASE, Filters.eq("instance", INSTANCE));
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
                    applied.incrementAndGet();
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
            lease.release(LEASE, Filters.eq("instance", INSTANCE));
            log.info("rebuild into generation {} done: {} events", target, applied.get());
        } catch (RuntimeException e) {
            log.error("rebuild into generation {} failed", target, e);
            generations.abandonBuilding(target);
            lease.release(LEASE, Filters.eq("instance", INSTANCE));
            status = new Status("FAILED", target, generations.active(), applied.get(), total.get(), status.startedAt(),
                    Instant.now(), e.toString());
        }
    }
}
