package org.shelters.reporting.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.platform.consumer.BatchEventHandler;
import org.springframework.stereotype.Component;

/**
 * The one consumer of all three topics: applies each poll to the active generation in bulk and
 * records how fresh the projections are (event recordedtime to write completed).
 */
@Component
public class LiveProjectionHandler implements BatchEventHandler {

    private final ProjectionStore store;
    private final Generations generations;
    private final Timer freshness;
    private final List<Consumer<Duration>> freshnessListeners = new CopyOnWriteArrayList<>();

    public LiveProjectionHandler(ProjectionStore store, Generations generations, MeterRegistry meters) {
        this.store = store;
        this.generations = generations;
        this.freshness = Timer.builder("projection.freshness")
                .description("Time from an event's recordedtime to the projection write that shows it")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @Override
    public Set<Topic<?>> topics() {
        return Set.of(Topics.SHELTERS, Topics.AGREEMENTS, Topics.LOGISTICS);
    }

    @Override
    public void handle(EventEnvelope<EventPayload> event) {
        handleBatch(List.of(event));
    }

    @Override
    public void handleBatch(List<EventEnvelope<EventPayload>> events) {
        generations.writeLock().lock();
        try {
            ProjectionBatch.apply(store, generations.active(), events);
        } finally {
            generations.writeLock().unlock();
        }
        Instant written = Instant.now();
        for (EventEnvelope<EventPayload> event : events) {
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

    public Timer freshness() {
        return freshness;
    }
}
