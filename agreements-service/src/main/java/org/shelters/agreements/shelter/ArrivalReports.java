package org.shelters.agreements.shelter;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The arrivals each shelter reported, one document per shelter and day holding the latest
 * revision ({@code arrival_reports}, indexed by shelter and day), so a partner can read back what
 * it reported without a replay of the events. A projection of the {@code ShelterArrivalsReported}
 * events ({@link ArrivalsReadBackProjection}), so eventually consistent with the shelter's own
 * write; a revision never replaces a later one, so a late or repeated event cannot undo a correction.
 */
@Component
public class ArrivalReports {

    static final String COLLECTION = "arrival_reports";

    private final MongoTemplate mongo;

    public ArrivalReports(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @PostConstruct
    void createIndexes() {
        collection().createIndex(Indexes.ascending("shelterId", "date"), new IndexOptions().name("shelter_day"));
    }

    /**
     * Keeps {@code report} as its day's figures, unless the same or a later revision is kept already.
     * The day's first recorded time is the earliest seen, whatever order the revisions came in.
     */
    void record(ShelterArrivalsReported report, Instant recordedAt) {
        String shelterId = report.shelterId();
        String day = report.date().toString();
        String id = shelterId + "/" + day;
        int revision = report.revision();
        try {
            collection().updateOne(
                    Filters.and(Filters.eq("_id", id), Filters.lt("revision", revision)),
                    Updates.combine(
                            Updates.set("shelterId", shelterId),
                            Updates.set("date", day),
                            Updates.set("revision", revision),
                            Updates.set("recordedAt", Date.from(recordedAt)),
                            Updates.min("firstRecordedAt", Date.from(recordedAt)),
                            Updates.set("arrivals", report.arrivals()),
                            Updates.set("women", report.women()),
                            Updates.set("men", report.men()),
                            Updates.set("girls", report.girls()),
                            Updates.set("boys", report.boys()),
                            Updates.set("unaccompaniedChildren", report.unaccompaniedChildren()),
                            Updates.set("olderPersons", report.olderPersons()),
                            Updates.set("reportedKidnapOrTraffickingVictims", report.reportedKidnapOrTraffickingVictims()),
                            Updates.set("overnightOccupancy", report.overnightOccupancy())),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // the day holds a later revision already: the upsert's insert met its _id
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // an earlier revision arriving late still tells when the day was first reported
            collection().updateOne(Filters.eq("_id", id), Updates.min("firstRecordedAt", Date.from(recordedAt)));
        }
    }

    /** The shelter's days from {@code from} to {@code to} (inclusive), oldest first, through the shelter_day index. */
    List<DailyArrivals> between(String shelterId, LocalDate from, LocalDate to) {
        List<DailyArrivals> days = new ArrayList<>();
        collection().find(Filters.and(Filters.eq("shelterId", shelterId),
                        Filters.gte("date", from.toString()), Filters.lte("date", to.toString())))
                .sort(Sorts.ascending("date"))
                .forEach(d -> days.add(new DailyArrivals(LocalDate.parse(d.getString("date")), d.getInteger("revision"),
                        d.getInteger("revision") - 1, d.getDate("recordedAt").toInstant(),
                        d.getDate("firstRecordedAt") == null ? null : d.getDate("firstRecordedAt").toInstant(),
                        d.getInteger("arrivals"), d.getInteger("women"), d.getInteger("men"), d.getInteger("girls"),
                        d.getInteger("boys"), d.getInteger("unaccompaniedChildren"), d.getInteger("olderPersons"),
                        d.getInteger("reportedKidnapOrTraffickingVictims"), d.getInteger("overnightOccupancy"))));
        return days;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
