package org.shelters.reporting.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;
import org.shelters.reporting.rollup.ProjectionIndexes;
import org.shelters.reporting.rollup.ReadModels;
import org.springframework.stereotype.Component;

/**
 * Applies the live polls of every topic to the active generation (and to the one a rebuild is
 * filling, on whichever instance it runs: see {@link Generations}) and measures how fresh the
 * projections are. Shared by the three topic handlers so they record into one
 * {@code projection.freshness} timer (event recordedtime to write completed), whatever the topic.
 */
@Component
public class LiveProjections {

    private final ReadModels readModels;
    private final Generations generations;
    private final Timer freshness;
    private final List<Consumer<Duration>> freshnessListeners = new CopyOnWriteArrayList<>();

    /** {@code indexes}: created, and a generation's read-side documents derived, before the first live batch. */
    public LiveProjections(ReadModels readModels, Generations generations, MeterRegistry meters,
                           ProjectionIndexes indexes) {
        this.readModels = readModels;
        this.generations = generations;
        this.freshness = Timer.builder("projection.freshness")
                .description("Time from an event's recordedtime to the projection write that shows it")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /** One poll of one topic: one load and one bulk write per collection it touches. */
    public <P extends EventPayload> void apply(TopicProjection<P> projection,
                                               List<? extends EventEnvelope<? extends P>> events) {
        ProjectionBatch batch = new ProjectionBatch();
        batch.addAll(projection, events);
        generations.writeLock().lock();
        try {
            // the active generation, and the one a rebuild on any instance is filling
            for (int generation : generations.read().written()) {
                readModels.write(batch, generation);
            }
        } finally {
            generations.writeLock().unlock();
        }
        Instant written = Instant.now();
        for (EventEnvelope<?> event : events) {
            if (event.recordedtime() != null) {
                Duration age = Duration.between(event.recordedtime(), written);
                freshness.record(age);
                freshnessListeners.forEach(listener -> listener.accept(age));
            }
        }
    }

    /** For benchmarks and diagnostics that need every sample, not the histogram. */
    public void onFreshness(Consumer<Duration> listener) {
        freshnessListeners.add(listener);
    }
}
