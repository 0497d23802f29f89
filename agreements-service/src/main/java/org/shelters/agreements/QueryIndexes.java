package org.shelters.agreements;

import com.mongodb.client.model.Indexes;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Indexes behind the list filters and the expiry scan; creating an existing index is a no-op. */
@Component
public class QueryIndexes implements ApplicationRunner {

    private final MongoTemplate mongo;

    public QueryIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        var shelters = mongo.getCollection("shelters");
        shelters.createIndex(Indexes.ascending("state.state", "state.corridor"));
        var agreements = mongo.getCollection("agreements");
        agreements.createIndex(Indexes.ascending("state.shelterId"));
        agreements.createIndex(Indexes.ascending("state.status", "state.terms.period.end"));
        agreements.createIndex(Indexes.ascending("state.shelterState"));
        agreements.createIndex(Indexes.ascending("state.programmeCode"));
    }
}
