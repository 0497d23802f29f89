package org.shelters.testsupport;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * For tests that prove a refused command published nothing: the programme topics' end offsets
 * once a service's outboxes are empty and the topics stand still, and what moved since.
 */
public final class QuietTopics {

    public static final List<String> PROGRAMME_TOPICS = List.of("shelters.v1", "agreements.v1", "logistics.v1");

    private final MongoDatabase database;
    private final Collection<String> outboxCollections;

    /** @param outboxCollections the service's aggregate collections (their documents hold the outboxes) */
    public QuietTopics(MongoDatabase database, Collection<String> outboxCollections) {
        this.database = database;
        this.outboxCollections = List.copyOf(outboxCollections);
    }

    /** End offsets once every stored event is published and the topics stood still for a second. */
    public Map<String, Long> settle() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> pendingOutbox() == 0);
        return TopicEndOffsets.settled(TestInfrastructure.get().kafkaBootstrapServers(), PROGRAMME_TOPICS,
                Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** Aggregates with events not yet published. */
    public long pendingOutbox() {
        return outboxCollections.stream().mapToLong(collection -> database.getCollection(collection)
                .countDocuments(new Document("outbox.0", new Document("$exists", true)))).sum();
    }

    /**
     * The topics whose end moved since {@code before}, after waiting long enough for anything a
     * refused command wrongly stored to have been relayed.
     */
    public Map<String, String> movedSince(Map<String, Long> before) {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return TopicEndOffsets.moved(before, TopicEndOffsets.of(TestInfrastructure.get().kafkaBootstrapServers(),
                PROGRAMME_TOPICS));
    }
}
