package org.shelters.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shelters.testsupport.MongoWireServer;

/**
 * Acknowledged means on disk: a burst of writes the store answered, then a SIGKILL of the process
 * that hosts it (a power cut, an OOM kill), and every acknowledged write is still there when the
 * file is opened again. Before the store committed per write, the last second of writes was lost.
 */
class DurableStoreTest {

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedWriteSurvivesASigkillOfTheStore() throws Exception {
        Path file = data.resolve("mongo.mv");
        Process store = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreProcess.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        int acknowledged = 0;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(store.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // start-up logging
            }
            assertThat(line).as("the store process started").isNotNull();
            int port = Integer.parseInt(line.substring("READY ".length()).trim());
            try (MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
                MongoCollection<Document> shelters = client.getDatabase("agreements").getCollection("shelters");
                for (int i = 0; i < 400; i++) {
                    shelters.insertOne(new Document("_id", "s-" + i).append("name", "Albergue " + i));
                    acknowledged++;
                }
                shelters.updateOne(new Document("_id", "s-0"), new Document("$set", new Document("name", "renamed")));
            }
        } finally {
            store.destroyForcibly();   // SIGKILL: no shutdown hook, no close, no final commit
            store.waitFor(10, TimeUnit.SECONDS);
        }

        assertThat(Files.exists(file)).isTrue();
        HelloAwareH2Backend reopened = new HelloAwareH2Backend(file.toString());
        try (MongoWireServer server = new MongoWireServer(reopened).bindRandomPort();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> shelters = client.getDatabase("agreements").getCollection("shelters");
            assertThat(shelters.countDocuments()).isEqualTo(acknowledged);
            assertThat(shelters.find(new Document("_id", "s-0")).first().getString("name")).isEqualTo("renamed");
        }
    }
}
