package org.shelters.reporting.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;

/**
 * The changes of one poll, applied to one generation: per collection, one read of the touched
 * documents and one bulk write of those that changed. Every event belongs to exactly one
 * aggregate document, so events of different aggregates may arrive in any order; within an
 * aggregate, each event is applied once, in order or late ({@link ProjectionDoc#admit}: the guard
 * lives there and is called here only, never in the folds).
 */
public final class ProjectionBatch {

    private final Map<Projection<?>, Pending<?>> pending = new LinkedHashMap<>();

    /** Folds {@code event} into this batch with its topic's fold. */
    public <P extends EventPayload> void add(TopicProjection<P> projection, EventEnvelope<?> envelope, P event) {
        projection.fold().accept(changesOf(envelope), event);
    }

    /** Folds {@code events} (a poll of one topic, in partition order) into this batch. */
    public <P extends EventPayload> void addAll(TopicProjection<P> projection,
                                                List<? extends EventEnvelope<? extends P>> events) {
        for (EventEnvelope<? extends P> event : events) {
            add(projection, event, event.data());
        }
    }

    /**
     * Loads what the batch touches from generation {@code generation}, applies the changes and writes them back.
     *
     * @return every document an event of the batch was meant for, as it is now, whether the guard admitted the
     *         event or not (a redelivery): what the read-side documents derived from them are refreshed from
     */
    public Touched writeTo(ProjectionStore store, int generation) {
        Map<Projection<?>, List<? extends ProjectionDoc>> touched = new LinkedHashMap<>();
        pending.values().forEach(changes -> touched.put(changes.projection, write(changes, store, generation)));
        return new Touched(touched);
    }

    private static <D extends ProjectionDoc> List<D> write(Pending<D> changes, ProjectionStore store, int generation) {
        Map<String, D> documents = store.load(changes.projection, generation, changes.documentIds());
        store.replaceAll(changes.projection, generation, changes.applyTo(documents));
        return changes.documentIds().stream().map(documents::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The documents one batch was applied to, by projection. */
    public record Touched(Map<Projection<?>, List<? extends ProjectionDoc>> documents) {

        /** Those of {@code projection}; safe: {@link #writeTo} files a {@code Projection<D>}'s documents only under it. */
        @SuppressWarnings("unchecked")
        public <D extends ProjectionDoc> List<D> of(Projection<D> projection) {
            return (List<D>) documents.getOrDefault(projection, List.of());
        }
    }

    /**
     * Applies this batch's changes of {@code projection} to {@code documents} (as loaded; the
     * documents it creates are added) and returns those that changed, each once.
     */
    public <D extends ProjectionDoc> List<D> applyTo(Projection<D> projection, Map<String, D> documents) {
        Pending<D> changes = pendingOf(projection);
        return changes == null ? List.of() : changes.applyTo(documents);
    }

    private Changes changesOf(EventEnvelope<?> envelope) {
        return new Changes() {
            @Override
            public <D extends ProjectionDoc> void change(Projection<D> projection, String documentId,
                                                         Change<D> change) {
                Pending<D> changes = pendingOf(projection);
                if (changes == null) {
                    changes = new Pending<>(projection);
                    pending.put(projection, changes);
                }
                changes.list.add(new Queued<>(documentId, envelope.sequence(), envelope.recordedtime(), change));
            }
        };
    }

    /** Safe: {@link #changesOf} files the changes of a {@code Projection<D>} only under that projection. */
    @SuppressWarnings("unchecked")
    private <D extends ProjectionDoc> Pending<D> pendingOf(Projection<D> projection) {
        return (Pending<D>) pending.get(projection);
    }

    private record Queued<D extends ProjectionDoc>(String documentId, long sequence, Instant recordedTime,
                                                   Changes.Change<D> change) {

        /** Through the sequence guard: a redelivered event leaves the document as it is, a late one is applied once. */
        boolean applyTo(D doc) {
            if (!doc.admit(sequence)) {
                return false;
            }
            change.apply(new Applying<>(doc, sequence));
            if (recordedTime != null && (doc.lastRecordedTime == null || recordedTime.isAfter(doc.lastRecordedTime))) {
                doc.lastRecordedTime = recordedTime;
            }
            return true;
        }
    }

    private static final class Pending<D extends ProjectionDoc> {

        final Projection<D> projection;
        final List<Queued<D>> list = new ArrayList<>();

        Pending(Projection<D> projection) {
            this.projection = projection;
        }

        List<String> documentIds() {
            return list.stream().map(Queued::documentId).distinct().toList();
        }

        List<D> applyTo(Map<String, D> documents) {
            Map<String, D> changed = new LinkedHashMap<>();
            for (Queued<D> change : list) {
                D doc = documents.computeIfAbsent(change.documentId(), projection.empty());
                if (change.applyTo(doc)) {
                    changed.put(change.documentId(), doc);
                }
            }
            return List.copyOf(changed.values());
        }
    }
}
