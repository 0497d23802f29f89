package org.shelters.reporting.projection;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which set of projection collections is live, shared by every reporting instance through one
 * pointer document in the store ({@code report_meta.active_generation}): {@code generation} is
 * the one queries read, and while a rebuild runs {@code building} names the one it fills.
 *
 * <p>Every live batch, on every instance, reads the pointer and writes to the active generation
 * AND the one being built. A rebuild sets {@code building} before it captures the end offsets it
 * replays to, so each event is in the new generation either from the replay (polled before the
 * capture) or from the live handlers (polled after it); overlaps are absorbed by the sequence
 * guard. The switch-over is then a single pointer update that every instance follows on its next
 * batch or query: no instance keeps writing an old generation, and no in-process lock has to
 * span instances.
 *
 * <p>Scratch generations ({@link #newScratch}, negative numbers) hold a replay of the events known
 * at a past instant, for reports asked {@code ?knownAt=}; only their replay writes them.
 */
@Component
public class Generations {

    static final String META = "report_meta";
    private static final String POINTER = "active_generation";
    private static final String SCRATCH_COUNTER = "scratch_generations";

    /** The generations a live batch writes to: the active one, and the one a rebuild is filling, if any. */
    public record Pointers(int active, Integer building) {

        public List<Integer> written() {
            List<Integer> written = new ArrayList<>(List.of(active));
            if (building != null && building != active) {
                written.add(building);
            }
            return written;
        }
    }

    private final MongoTemplate mongo;
    private final ReentrantLock writeLock = new ReentrantLock();

    public Generations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The pointers as stored now (one small read: live batches and queries call it each time). */
    public Pointers read() {
        Document pointer = mongo.getCollection(META).find(Filters.eq("_id", POINTER)).first();
        if (pointer == null) {
            return new Pointers(1, null);
        }
        return new Pointers(pointer.getInteger("generation", 1), pointer.getInteger("building"));
    }

    public int active() {
        return read().active();
    }

    /** Serialises this instance's live batches with its own rebuild's switch-over (not needed across instances). */
    public ReentrantLock writeLock() {
        return writeLock;
    }

    /** From now on every instance's live batches also write {@code generation}. */
    public void startBuilding(int generation) {
        requireLive(generation);
        mongo.getCollection(META).updateOne(Filters.eq("_id", POINTER), Updates.combine(
                Updates.setOnInsert("generation", 1), Updates.set("building", generation)), new UpdateOptions().upsert(true));
    }

    /** A rebuild that failed or was refused: live batches stop writing its generation. */
    public void abandonBuilding(int generation) {
        mongo.getCollection(META).updateOne(Filters.and(Filters.eq("_id", POINTER), Filters.eq("building", generation)),
                Updates.unset("building"));
    }

    /** Makes {@code generation} the one queries read, for every instance. */
    public void activate(int generation) {
        requireLive(generation);
        mongo.getCollection(META).updateOne(Filters.eq("_id", POINTER), Updates.combine(
                Updates.set("generation", generation), Updates.unset("building")), new UpdateOptions().upsert(true));
    }

    /**
     * A new scratch generation, unique across instances: a negative number, so it can never be a
     * rebuild's target, never become active and never be written by a live batch (those write only
     * the active generation and the one a rebuild fills, both positive).
     */
    public int newScratch() {
        Document counter = mongo.getCollection(META).findOneAndUpdate(Filters.eq("_id", SCRATCH_COUNTER),
                Updates.inc("last", 1), new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return -counter.getInteger("last");
    }

    public static boolean isScratch(int generation) {
        return generation < 1;
    }

    private static void requireLive(int generation) {
        if (isScratch(generation)) {
            throw new IllegalArgumentException("generation " + generation + " is a scratch generation, never live");
        }
    }
}
