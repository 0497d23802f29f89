package org.shelters.reporting.projection;

import java.util.List;
import java.util.function.Function;

/**
 * One kind of projection document and the collection that holds it. Each generation has its own
 * set of collections ({@code <collection>_v<N>}), so a rebuild fills new ones while the live
 * ones keep serving.
 *
 * @param collection the collection's base name, without the generation suffix
 * @param empty      the document an aggregate starts from before its first event
 * @param indexes    the secondary indexes each generation's collection gets (a compound one as
 *                   {@code "a,b"}), for the queries of a store that uses them; reads by {@code _id}
 *                   need none
 */
public record Projection<D extends ProjectionDoc>(String collection, Class<D> type, Function<String, D> empty,
                                                  List<String> indexes) {

    public Projection {
        indexes = List.copyOf(indexes);
    }

    public Projection(String collection, Class<D> type, Function<String, D> empty) {
        this(collection, type, empty, List.of());
    }

    public String collection(int generation) {
        return collection + "_v" + generation;
    }
}
