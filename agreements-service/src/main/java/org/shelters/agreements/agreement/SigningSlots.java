package org.shelters.agreements.agreement;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.shelters.platform.web.ApiException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * "Only one signed agreement per shelter, programme and phase" without multi-document transactions.
 *
 * <p>Each in-force agreement holds a slot document {@code {_id: "shelterId|programmeCode|phase",
 * agreementId, claimedAt}} in {@code signing_slots}. Signing first inserts the slot (the unique
 * {@code _id} makes two concurrent signings race on one single-document insert: one wins), then
 * writes the signing to the agreement; if that write fails the slot is deleted again
 * (compensation). Completion, termination and expiry release the slot after the agreement's write.
 *
 * <p>A crash between the two writes can leave a slot behind. So a slot whose holder is final
 * (completed, terminated, expired) or gone is taken over at once, and one whose holder is still a
 * draft (its signing never landed) is taken over once it is older than {@link #ABANDONED_AFTER};
 * a takeover is a compare-and-set on the holder's id, so two takers cannot both win.
 */
@Component
public class SigningSlots {

    static final String COLLECTION = "signing_slots";
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final MongoTemplate mongo;
    private final Clock clock;

    public SigningSlots(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * @param statusOf the current status of an agreement, empty when it does not exist
     * @throws ApiException 409 when another agreement in force holds the slot
     */
    public void claim(Agreement agreement, Function<String, Optional<AgreementStatus>> statusOf) {
        String key = agreement.signingSlot();
        Date now = Date.from(clock.instant());
        try {
            slots().insertOne(new Document("_id", key).append("agreementId", agreement.agreementId()).append("claimedAt", now));
            return;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document holder = slots().find(Filters.eq("_id", key)).first();
        if (holder == null) {
            claim(agreement, statusOf);
            return;
        }
        String holderId = holder.getString("agreementId");
        if (agreement.agreementId().equals(holderId)) {
            return;
        }
        Optional<AgreementStatus> holderStatus = statusOf.apply(holderId);
        Date claimedAt = holder.getDate("claimedAt");
        boolean abandoned = holderStatus.isEmpty() || holderStatus.get().isFinal()
                || (holderStatus.get() == AgreementStatus.DRAFT && claimedAt != null
                && claimedAt.toInstant().plus(ABANDONED_AFTER).isBefore(clock.instant()));
        if (abandoned && slots().updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("agreementId", holderId)),
                Updates.combine(Updates.set("agreementId", agreement.agreementId()), Updates.set("claimedAt", now)))
                .getModifiedCount() == 1) {
            return;
        }
        throw ApiException.conflict("already-signed",
                "agreement " + holderId + " is already signed for shelter " + agreement.shelterId() + ", programme "
                        + agreement.programmeCode() + " and phase " + agreement.phase()
                        + "; only one signed agreement per shelter, programme and phase");
    }

    /** Frees the slot if this agreement holds it; harmless otherwise. */
    public void release(Agreement agreement) {
        slots().deleteOne(Filters.and(Filters.eq("_id", agreement.signingSlot()),
                Filters.eq("agreementId", agreement.agreementId())));
    }

    private MongoCollection<Document> slots() {
        return mongo.getCollection(COLLECTION);
    }
}
