package org.shelters.testsupport;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * A MongoDB wire-protocol server (mongo-java-server) for development and tests. Real MongoDB
 * answers {@code hello}; mongo-java-server only knows the legacy {@code isMaster}, so Boot's
 * Mongo health indicator would report DOWN. {@link #answerHelloLikeIsMaster} bridges that.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private InetSocketAddress address;

    public MongoWireServer(MongoBackend backend) {
        this.server = new MongoServer(backend);
    }

    /** In memory: nothing survives a restart. */
    public static MongoWireServer inMemory() {
        return new MongoWireServer(new HelloAwareMemoryBackend());
    }

    public MongoWireServer bind(String host, int port) {
        server.bind(host, port);
        address = server.getLocalAddress();
        return this;
    }

    public MongoWireServer bindRandomPort() {
        address = server.bind();
        return this;
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /** Shared by every backend we use: answer {@code hello} as {@code isMaster}, plus the field newer drivers read. */
    public static Document answerHelloLikeIsMaster(Document isMasterReply) {
        Document reply = new Document(isMasterReply);
        reply.put("isWritablePrimary", Boolean.TRUE);
        return reply;
    }

    public static boolean isHello(String command) {
        return "hello".equalsIgnoreCase(command);
    }

    static final class HelloAwareMemoryBackend extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            if (isHello(command)) {
                return answerHelloLikeIsMaster(super.handleCommand(channel, databaseName, "isMaster", query));
            }
            return super.handleCommand(channel, databaseName, command, query);
        }
    }
}
