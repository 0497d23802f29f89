package org.shelters.reporting.projection;

import java.util.function.Consumer;

/**
 * What a fold says about one event: which document it changes and how. The fold stays pure (no
 * store, no envelope); whoever collects the changes loads the documents, applies the sequence
 * guard and writes them ({@link ProjectionBatch}).
 */
public interface Changes {

    <D extends ProjectionDoc> void change(Projection<D> projection, String documentId, Consumer<? super D> change);
}
