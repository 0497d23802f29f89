package org.shelters.reporting.rebuild;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.shelters.platform.domain.Refusal;
import org.shelters.reporting.Projections;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.rollup.ProjectionIndexes;
import org.shelters.reporting.read.KnownAt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The projections as they stood at a past instant, for reports asked {@code ?knownAt=}: a
 * {@link Replay} from offset 0 to the end offsets of the moment, folding only the events recorded
 * at or before the instant, into a scratch generation of this instance ({@link Generations#newScratch}).
 * The last {@code cache-size} are kept, by instant, so asking again is one read; older ones are
 * dropped from the store once no request reads them. Requests for the same instant while its
 * replay runs wait for that replay (built once); replays run one at a time per instance.
 *
 * <p>An instant less than {@code settle} before the replay captured its end offsets may still
 * gain events (an outbox not yet relayed, a broker briefly away): its replay answers the request
 * but is not reused; a later request replays again.
 */
@Component
public class ScratchGenerations {

    private static final Logger log = LoggerFactory.getLogger(ScratchGenerations.class);

    /** {@code reporting.known-at.*}. */
    @ConfigurationProperties("reporting.known-at")
    public record Settings(Integer cacheSize, Duration settle) {

        public Settings {
            cacheSize = cacheSize == null ? 4 : cacheSize;
            settle = settle == null ? Duration.ofMinutes(5) : settle;
        }
    }

    /** A scratch generation being read; closing it lets an evicted one be dropped. */
    public final class Lease implements AutoCloseable {

        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public int generation() {
            return entry.generation;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(entry);
            }
        }
    }

    private static final class Entry {
        final Instant knownAt;
        final CompletableFuture<Integer> built = new CompletableFuture<>();
        volatile int generation;
        volatile Instant capturedAt;
        int readers;
        boolean retired;

        Entry(Instant knownAt) {
            this.knownAt = knownAt;
        }

        boolean reusable(Duration settle) {
            return !built.isDone() || (!built.isCompletedExceptionally() && capturedAt != null
                    && !capturedAt.isBefore(knownAt.plus(settle)));
        }
    }

    private final Replay replay;
    private final ProjectionStore store;
    private final ProjectionIndexes indexes;
    private final Generations generations;
    private final Settings settings;
    private final Clock clock;
    private final Counter replays;
    private final Counter replayed;
    private final Timer replayTime;
    private final Semaphore oneReplayAtATime = new Semaphore(1, true);
    /** By instant, least recently used first. */
    private final LinkedHashMap<Instant, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    public ScratchGenerations(Replay replay, ProjectionStore store, Generations generations, Settings settings,
                              Clock clock, MeterRegistry meters, ProjectionIndexes indexes) {
        this.indexes = indexes;
        this.replay = replay;
        this.store = store;
        this.generations = generations;
        this.settings = settings;
        this.clock = clock;
        this.replays = Counter.builder("reporting.known_at.replays")
                .description("Replays into a scratch generation for ?knownAt= (one per instant, unless evicted or not settled)")
                .register(meters);
        this.replayed = Counter.builder("reporting.known_at.replayed.records")
                .description("Records read by the replays for ?knownAt=").register(meters);
        this.replayTime = Timer.builder("reporting.known_at.replay")
                .description("Time a replay for ?knownAt= takes").register(meters);
    }

    /** The scratch generation of {@code knownAt}, replayed now if no usable one is kept; close the lease after reading. */
    public Lease lease(Instant knownAt) {
        Entry entry;
        boolean mine = false;
        List<Entry> toDrop = new ArrayList<>();
        synchronized (this) {
            entry = entries.get(knownAt);
            if (entry == null || !entry.reusable(settings.settle())) {
                if (entry != null) {
                    retire(entry, toDrop);
                }
                entry = new Entry(knownAt);
                entries.put(knownAt, entry);
                mine = true;
                evictBeyondCacheSize(toDrop);
            }
            entry.readers++;
        }
        toDrop.forEach(this::drop);
        Lease lease = new Lease(entry);
        try {
            if (mine) {
                build(entry);
            } else {
                entry.built.join();
            }
            return lease;
        } catch (CompletionException e) {
            lease.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** The scratch generations kept now, by instant, replayed ones only (for tests and diagnostics). */
    public synchronized Map<Instant, Integer> kept() {
        Map<Instant, Integer> kept = new LinkedHashMap<>();
        entries.values().stream().filter(e -> e.built.isDone() && !e.built.isCompletedExceptionally())
                .forEach(e -> kept.put(e.knownAt, e.generation));
        return kept;
    }

    private void build(Entry entry) {
        oneReplayAtATime.acquireUninterruptibly();
        long started = System.nanoTime();
        KnownAt knownAt = new KnownAt(entry.knownAt);
        AtomicLong read = new AtomicLong();
        AtomicLong folded = new AtomicLong();
        try (KafkaConsumer<String, byte[]> consumer = replay.open()) {
            Optional<String> gap = replay.historyGap(consumer);
            if (gap.isPresent()) {
                throw Refusal.rule("history-incomplete", KnownAt.PARAMETER, "cannot be answered: " + gap.get());
            }
            entry.generation = generations.newScratch();
            Instant capturedAt = clock.instant();
            Map<TopicPartition, Long> end = replay.endOffsets(consumer);
            Projections.DOCUMENTS.forEach(documents -> store.drop(documents, entry.generation));
            indexes.ensure(entry.generation);
            replay.replayUntil(consumer, end, entry.generation, event -> knownAt.knew(event.recordedtime(), event.time()),
                    new Replay.Listener() {
                        @Override
                        public void read() {
                            read.incrementAndGet();
                        }

                        @Override
                        public void written(List<Replay.Folded> events) {
                            folded.addAndGet(events.size());
                        }
                    });
            entry.capturedAt = capturedAt;
            long nanos = System.nanoTime() - started;
            replays.increment();
            replayed.increment(read.get());
            replayTime.record(Duration.ofNanos(nanos));
            log.info("knownAt {}: replayed {} records ({} recorded by then) into scratch generation {} in {} ms ({} ms per 1,000 records)",
                    entry.knownAt, read.get(), folded.get(), entry.generation, nanos / 1_000_000,
                    read.get() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e3 / read.get()));
            entry.built.complete(entry.generation);
        } catch (RuntimeException e) {
            log.warn("knownAt {}: replay failed: {}", entry.knownAt, e.toString());
            entry.built.completeExceptionally(e);
            List<Entry> toDrop = new ArrayList<>();
            synchronized (this) {
                if (entries.get(entry.knownAt) == entry) {
                    retire(entry, toDrop);
                }
            }
            toDrop.forEach(this::drop);
            throw e;
        } finally {
            oneReplayAtATime.release();
        }
    }

    private void release(Entry entry) {
        boolean drop;
        synchronized (this) {
            entry.readers--;
            drop = entry.retired && entry.readers == 0;
        }
        if (drop) {
            drop(entry);
        }
    }

    /** Under the lock: no longer handed out; dropped once its last reader is done. */
    private void retire(Entry entry, List<Entry> toDrop) {
        entries.remove(entry.knownAt, entry);
        entry.retired = true;
        if (entry.readers == 0) {
            toDrop.add(entry);
        }
    }

    /** Under the lock: the least recently used replays that are done go once more than cache-size are kept. */
    private void evictBeyondCacheSize(List<Entry> toDrop) {
        Iterator<Entry> oldestFirst = new ArrayList<>(entries.values()).iterator();
        while (entries.size() > settings.cacheSize() && oldestFirst.hasNext()) {
            Entry candidate = oldestFirst.next();
            if (candidate.built.isDone()) {
                retire(candidate, toDrop);
            }
        }
    }

    private void drop(Entry entry) {
        if (entry.generation != 0 && Generations.isScratch(entry.generation)) {
            Projections.DOCUMENTS.forEach(documents -> store.drop(documents, entry.generation));
        }
    }

    /**
     * This instance's scratch generations go with it: best effort, for a few seconds at most, so a
     * store that is already gone does not hold up the shutdown.
     */
    @PreDestroy
    void dropAll() throws InterruptedException {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
        }
        Thread dropping = new Thread(() -> all.stream().filter(e -> e.built.isDone()).forEach(e -> {
            try {
                drop(e);
            } catch (RuntimeException storeGone) {
                log.warn("scratch generation {} not dropped at shutdown: {}", e.generation, storeGone.toString());
            }
        }), "scratch-generations-drop");
        dropping.setDaemon(true);
        dropping.start();
        dropping.join(SHUTDOWN_DROP_WAIT.toMillis());
    }

    private static final Duration SHUTDOWN_DROP_WAIT = Duration.ofSeconds(3);
}
