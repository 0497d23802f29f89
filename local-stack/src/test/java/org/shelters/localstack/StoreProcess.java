package org.shelters.localstack;

import org.shelters.testsupport.MongoWireServer;

/** The local stack's on-disk store alone in a process of its own, so a test can SIGKILL it. */
public final class StoreProcess {

    private StoreProcess() {
    }

    public static void main(String[] args) throws Exception {
        MongoWireServer server = new MongoWireServer(new HelloAwareH2Backend(args[0])).bind("localhost", 0);
        String url = server.connectionString();
        System.out.println("READY " + url.substring(url.lastIndexOf(':') + 1));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
