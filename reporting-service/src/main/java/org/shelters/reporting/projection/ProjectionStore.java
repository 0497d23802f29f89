package org.shelters.reporting.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Reads and bulk-writes projection documents of one generation; no projection logic here. */
@Component
public class ProjectionStore {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;

    public ProjectionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public <D extends ProjectionDoc> Map<String, D> load(Projection<D> projection, int generation, Collection<String> ids) {
        Map<String, D> found = new HashMap<>();
        for (Document document : collection(projection, generation).find(Filters.in("_id", ids))) {
            D doc = mongo.getConverter().read(projection.type(), document);
            found.put(doc.id, doc);
        }
        return found;
    }

    public <D extends ProjectionDoc> List<D> all(Projection<D> projection, int generation) {
        List<D> docs = new ArrayList<>();
        for (Document document : collection(projection, generation).find()) {
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
        for (Document document : collection(projection, generation).find(Filters.in(field, values))) {
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
        collection(projection, generation).find(values == null ? new Document() : Filters.in(field, values))
                .projection(Projections.include(fields)).into(docs);
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

    /** Whole-document replacements (upserts) in one unordered bulk: applying the same state twice is harmless. */
    public void replaceAll(Projection<?> projection, int generation, Collection<? extends ProjectionDoc> docs) {
        if (docs.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(docs.size());
        for (ProjectionDoc doc : docs) {
            Document document = new Document();
            mongo.getConverter().write(doc, document);
            document.remove("_class");
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", doc.id), document, UPSERT));
        }
        collection(projection, generation).bulkWrite(writes, UNORDERED);
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

    private MongoCollection<Document> collection(Projection<?> projection, int generation) {
        return mongo.getCollection(projection.collection(generation));
    }
}
