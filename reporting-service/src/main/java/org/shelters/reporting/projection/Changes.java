package org.shelters.reporting.projection;

/**
 * What a fold says about one event: which document it changes and how. The fold stays pure (no
 * store, no envelope); whoever collects the changes loads the documents, applies the sequence
 * guard and writes them ({@link ProjectionBatch}).
 */
public interface Changes {

    <D extends ProjectionDoc> void change(Projection<D> projection, String documentId, Change<D> change);

    /** How one event changes one document; called only when the sequence guard admits the event. */
    @FunctionalInterface
    interface Change<D extends ProjectionDoc> {

        void apply(Applying<D> applying);
    }
}
