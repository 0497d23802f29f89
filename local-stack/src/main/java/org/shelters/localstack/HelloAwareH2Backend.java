package org.shelters.localstack;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.shelters.testsupport.MongoWireServer;

/** The on-disk store of the local stack; answers {@code hello} so Boot's Mongo health is UP. */
final class HelloAwareH2Backend extends H2Backend {

    HelloAwareH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (MongoWireServer.isHello(command)) {
            return MongoWireServer.answerHelloLikeIsMaster(super.handleCommand(channel, databaseName, "isMaster", query));
        }
        return super.handleCommand(channel, databaseName, command, query);
    }
}
