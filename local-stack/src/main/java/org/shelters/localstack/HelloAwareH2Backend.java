package org.shelters.localstack;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
import org.shelters.testsupport.MongoWireServer;

/**
 * The on-disk store of the local stack. Answers {@code hello} so Boot's Mongo health is UP, and
 * makes every write durable before it answers: H2's MVStore otherwise commits in the background
 * (about once a second), so a SIGKILL of the stack lost writes the services had already
 * acknowledged to their clients. Committing and syncing the file after each write command is
 * what MongoDB's journal does with {@code j: true}; its cost is in the README's figures.
 */
final class HelloAwareH2Backend extends H2Backend {

    /** Commands that change data or indexes; everything else is a read and is answered as it is. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
            "create", "drop", "dropindexes", "dropdatabase", "renamecollection");

    HelloAwareH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (MongoWireServer.isHello(command)) {
            return MongoWireServer.answerHelloLikeIsMaster(super.handleCommand(channel, databaseName, "isMaster", query));
        }
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            durable();
        }
        return answer;
    }

    private final Object syncLock = new Object();
    private long written;
    private long synced;
    private boolean syncing;

    /**
     * Commits the write to the file and forces it to disk before the answer leaves. Group commit:
     * writers that arrive while a sync is running wait for the next one, which covers all of them,
     * so concurrent commands share one fsync instead of queueing for one each.
     */
    private void durable() {
        long mine;
        synchronized (syncLock) {
            mine = ++written;
        }
        while (true) {
            long upTo;
            synchronized (syncLock) {
                while (syncing && synced < mine) {
                    try {
                        syncLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while making a write durable", e);
                    }
                }
                if (synced >= mine) {
                    return;
                }
                syncing = true;
                upTo = written;
            }
            boolean done = false;
            try {
                commit();
                getMvStore().sync();
                done = true;
            } finally {
                synchronized (syncLock) {
                    syncing = false;
                    if (done) {
                        synced = Math.max(synced, upTo);
                    }
                    syncLock.notifyAll();
                }
            }
        }
    }
}
