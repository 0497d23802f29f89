package org.shelters.reporting.projection;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads and bulk-writes projection documents of one generation; no projection logic here. Every
 * read goes through {@link #fetch}, which can count what the store returns to the calling thread
 * ({@link #counting}): the proof that a request costs what it returns.
 */
@Component
public class ProjectionStore {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
    private static final ThreadLocal<long[]> RETURNED = new ThreadLocal<>();

    /** What {@code work} returned and how many documents the store returned to this thread meanwhile. */
    public record Counted<T>(T value, long documents) {
    }

    private final MongoTemplate mongo;

    public ProjectionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Runs {@code work} on this thread, counting the documents the store returns to it (for tests and diagnostics). */
    public static <T> Counted<T> counting(Supplier<T> work) {
        long[] outer = RETURNED.get();
        long[] count = new long[1];
        RETURNED.set(count);
        try {
            T value = work.get();
            return new Counted<>(value, count[0]);
        } finally {
            if (outer == null) {
                RETURNED.remove();
            } else {
                outer[0] += count[0];
                RETURNED.set(outer);
            }
        }
    }

    public <D extends ProjectionDoc> Map<String, D> load(Projection<D> projection, int generation, Collection<String> ids) {
        Map<String, D> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Document document : fetch(collection(projection, generation).find(Filters.in("_id", ids)))) {
            D doc = mongo.getConverter().read(projection.type(), document);
            found.put(doc.id, doc);
        }
        return found;
    }

    public <D extends ProjectionDoc> List<D> all(Projection<D> projection, int generation) {
        List<D> docs = new ArrayList<>();
        for (Document document : fetch(collection(projection, generation).find())) {
            docs.add(mongo.getConverter().read(projection.type(), document));
        }
        return docs;
    }

    /**
     * The documents whose {@code field} is one of {@code values}: a scoped read (a shelter partner's
     * shelters) is answered by the store, so nothing outside the scope is ever loaded.
     */
    public <D extends ProjectionDoc> List<D> where(Projection<D> projection, int generation, String field,
                                                   Collection<String> values) {
        List<D> docs = new ArrayList<>();
        if (values.isEmpty()) {
            return docs;
        }
        for (Document document : fetch(collection(projection, generation).find(Filters.in(field, values)))) {
            docs.add(mongo.getConverter().read(projection.type(), document));
        }
        return docs;
    }

    /**
     * Only {@code fields} (and {@code _id}) of the documents whose {@code field} is one of
     * {@code values}, or of every document when {@code values} is null, as stored: small keys of
     * many documents (the order of an export's rows) without loading the documents.
     */
    public List<Document> fields(Projection<?> projection, int generation, String field, Collection<String> values,
                                 List<String> fields) {
        List<Document> docs = new ArrayList<>();
        if (values != null && values.isEmpty()) {
            return docs;
        }
        docs.addAll(fetch(collection(projection, generation).find(values == null ? new Document() : Filters.in(field, values))
                .projection(Projections.include(fields))));
        return docs;
    }

    /** The distinct values of {@code field} (nulls left out) of the documents whose fields equal {@code equal}'s. */
    public Set<String> distinct(Projection<?> projection, int generation, String field, Map<String, String> equal) {
        Set<String> values = new HashSet<>();
        for (String value : collection(projection, generation).distinct(field, new Document(equal), String.class)) {
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** Every document of the generation's collection, {@code size} at a time (a one-off pass, not a request). */
    public <D extends ProjectionDoc> long forEachBatch(Projection<D> projection, int generation, int size,
                                                       java.util.function.Consumer<List<D>> batch) {
        long seen = 0;
        List<D> docs = new ArrayList<>(size);
        for (Document document : collection(projection, generation).find().batchSize(size)) {
            docs.add(mongo.getConverter().read(projection.type(), document));
            if (docs.size() == size) {
                batch.accept(docs);
                seen += docs.size();
                docs = new ArrayList<>(size);
            }
        }
        if (!docs.isEmpty()) {
            batch.accept(docs);
            seen += docs.size();
        }
        return seen;
    }

    /**
     * The stored documents matching {@code filter}, as they are, with only the fields of
     * {@code fields} (null: all), in {@code _id} order when {@code skip}/{@code limit} page them
     * ({@code limit} 0: all).
     */
    public List<Document> find(Projection<?> projection, int generation, Bson filter, Bson fields, int skip, int limit) {
        FindIterable<Document> find = collection(projection, generation).find(filter);
        if (fields != null) {
            find = find.projection(fields);
        }
        if (skip > 0 || limit > 0) {
            find = find.sort(Sorts.ascending("_id")).skip(skip).limit(limit);
        }
        return fetch(find);
    }

    /** How many documents match {@code filter}, counted by the store (one answer document). */
    public long count(Projection<?> projection, int generation, Bson filter) {
        long count = collection(projection, generation).countDocuments(filter);
        long[] returned = RETURNED.get();
        if (returned != null) {
            returned[0]++;
        }
        return count;
    }

    /** A stored document (or part of one) read as {@code type}. */
    public <T> T read(Class<T> type, Document document) {
        return mongo.getConverter().read(type, document);
    }

    /** {@code value} as the store keeps it, without the type hint. */
    public Document toDocument(Object value) {
        Document document = new Document();
        mongo.getConverter().write(value, document);
        document.remove("_class");
        return document;
    }

    /** Whole-document replacements (upserts) in one unordered bulk: applying the same state twice is harmless. */
    public void replaceAll(Projection<?> projection, int generation, Collection<? extends ProjectionDoc> docs) {
        if (docs.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(docs.size());
        for (ProjectionDoc doc : docs) {
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", doc.id), toDocument(doc), UPSERT));
        }
        collection(projection, generation).bulkWrite(writes, UNORDERED);
    }

    /** Field-level updates in one bulk, in the order given (an update may rely on the one before it). */
    public void update(Projection<?> projection, int generation, List<WriteModel<Document>> writes) {
        if (!writes.isEmpty()) {
            collection(projection, generation).bulkWrite(writes, ORDERED);
        }
    }

    /**
     * Creates the projection's secondary indexes in the generation (a no-op for those that exist):
     * the embedded store accepts and ignores them, MongoDB answers the queries on them.
     */
    public void ensureIndexes(Projection<?> projection, int generation) {
        for (String index : projection.indexes()) {
            String[] fields = index.split(",");
            Bson keys = fields.length == 1 ? Indexes.ascending(fields[0]) : Indexes.ascending(Arrays.asList(fields));
            collection(projection, generation).createIndex(keys, new IndexOptions().background(false));
        }
    }

    /**
     * Drops the generation's collection if it is there. Dropping one that is not is refused by the
     * store ("ns not found"), which the embedded store logs as an error with a stack trace.
     */
    public void drop(Projection<?> projection, int generation) {
        String name = projection.collection(generation);
        if (mongo.collectionExists(name)) {
            mongo.getCollection(name).drop();
        }
    }

    /** The stored documents as they are, for comparing two generations. */
    public List<Document> rawSortedById(Projection<?> projection, int generation) {
        List<Document> docs = new ArrayList<>();
        collection(projection, generation).find().sort(new Document("_id", 1)).into(docs);
        return docs;
    }

    private static List<Document> fetch(FindIterable<Document> find) {
        List<Document> docs = find.into(new ArrayList<>());
        long[] returned = RETURNED.get();
        if (returned != null) {
            returned[0] += docs.size();
        }
        return docs;
    }

    private MongoCollection<Document> collection(Projection<?> projection, int generation) {
        return mongo.getCollection(projection.collection(generation));
    }
}
