package org.shelters.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.arrivals;
import static org.shelters.reporting.Programme.id;
import static org.shelters.reporting.Programme.line;
import static org.shelters.reporting.Programme.signed;
import static org.shelters.reporting.Programme.terms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterServiceOffered;
import org.shelters.reporting.ReportingIT;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterFold;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The exports stream: a programme of {@value #SHELTERS} shelters of one donor (more than two
 * batches of {@code reporting.export.batch-size}, 100) is read one batch at a time, with never
 * more than one batch of documents held, and written in the order of the whole programme; the
 * first rows reach the client while a later batch is still being read; a store failure after the
 * first bytes breaks the transfer off (no complete-looking file, no problem document in it), one
 * before them is a problem answer. Counted, not timed: what each batch read held
 * ({@link StoredShelterBatches#watch}).
 */
class StreamedExportIT extends ReportingIT {

    static final int SHELTERS = 230;
    static final int BATCH = 100;

    /** Fed once for the class: the donor and its shelters' ids in the exports' row order. */
    static String donor;
    static List<String> ordered;

    @Autowired
    StoredShelterBatches batches;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Generations generations;

    @BeforeEach
    void feedOnce() {
        if (donor != null) {
            return;
        }
        String fed = id("streamed-donor");
        LocalDate today = today();
        String[] states = {"MX-VER", "MX-CHP", "MX-OAX"};
        String[] municipalities = {"Tapachula", "Ángel Albino Corzo", "Ixtepec"};
        String[] words = {"Éxodo", "Esperanza", "Ñandú", "Nube", "Ángel", "Árbol", "Zarza"};
        List<ShelterDoc> keys = new ArrayList<>();
        for (int i = 0; i < SHELTERS; i++) {
            String shelter = id("streamed");
            ShelterDoc key = ShelterDoc.empty(shelter);
            key.state = states[i % 3];
            key.municipality = municipalities[(i / 3) % 3];
            key.name = "Casa " + words[i % words.length] + " " + (i % 11);
            keys.add(key);
            programme.send(new ShelterRegistered(shelter, key.name, key.state, key.municipality, Corridor.CENTRE, 40,
                    List.of(ShelterServiceOffered.LODGING), false));
            programme.send(signed(id("streamed-agreement"), shelter, fed, "PHASE-1", terms(today.minusDays(10),
                    today.plusDays(100), "1000", line("L1", SupplyCategory.MEDICINES, "10"))));
            programme.send(arrivals(shelter, today, 1, 12, 3, 3, 3, 3, 12));
        }
        programme.flush();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            String csv = request("GET", "/api/reports/exports/3w.csv?bom=false&donor=" + fed).body();
            return csv.lines().count() == SHELTERS + 2 && csv.lines().filter(l -> l.contains(",12,")).count() == SHELTERS;
        });
        ordered = keys.stream().sorted(ExportRules.byPlace()).map(s -> s.id).toList();
        donor = fed;
    }

    @Test
    void anExportHoldsOneBatchOfSheltersAtATime() throws Exception {
        for (String export : List.of("3w.csv", "shelters.csv")) {
            List<long[]> reads = new CopyOnWriteArrayList<>();
            String csv;
            try (AutoCloseable watching = batches.watch(new StoredShelterBatches.Watch() {
                @Override
                public void read(List<String> ids, long documents) {
                    reads.add(new long[] {ids.size(), documents});
                }
            })) {
                csv = request("GET", "/api/reports/exports/" + export + "?bom=false&donor=" + donor, as("ANALYST")).body();
            }
            assertThat(codes(csv)).as(export + ": every shelter, in the order of the whole programme")
                    .containsExactlyElementsOf(ordered);
            // one shelter document, one day of arrivals and one agreement a shelter: 3 x 230 = 690 in all
            assertThat(reads).as(export + ": the donor's shelters in batches of " + BATCH)
                    .extracting(r -> r[0]).containsExactly(100L, 100L, 30L);
            assertThat(reads).as(export + ": documents held per batch, never the programme's 690")
                    .extracting(r -> r[1]).containsExactly(300L, 300L, 90L);
        }

        List<long[]> reads = new CopyOnWriteArrayList<>();
        String xml;
        try (AutoCloseable watching = batches.watch(new StoredShelterBatches.Watch() {
            @Override
            public void read(List<String> ids, long documents) {
                reads.add(new long[] {ids.size(), documents});
            }
        })) {
            xml = request("GET", "/api/reports/exports/iati-activities.xml?donor=" + donor, as("ANALYST")).body();
        }
        assertThat(xml.split("hierarchy=\"2\"", -1)).as("a child activity per agreement").hasSize(SHELTERS + 1);
        assertThat(reads).as("the IATI file reads every shelter of the programme (twice), a batch at a time")
                .allMatch(r -> r[0] <= BATCH).hasSizeGreaterThanOrEqualTo(2 * 3);
    }

    @Test
    void theFirstRowsReachTheClientWhileALaterBatchIsStillBeingRead() throws Exception {
        String last = ordered.get(ordered.size() - 1);
        // the 3W: batch two's rows are at the client while batch three (the last) is read
        String csv = readWhileABatchWaits("/api/reports/exports/3w.csv?bom=false&donor=" + donor, ordered.get(BATCH),
                ids -> ids.contains(last), 1);
        assertThat(codes(csv)).containsExactlyElementsOf(ordered);
        // the IATI file: the first child activities are at the client while the last batch is read a second time
        String xml = readWhileABatchWaits("/api/reports/exports/iati-activities.xml?donor=" + donor, "hierarchy=\"2\"",
                ids -> ids.contains(last), 2);
        assertThat(xml.split("hierarchy=\"2\"", -1)).hasSize(SHELTERS + 1);
        assertThat(xml).endsWith("</iati-activities>\n");
    }

    /**
     * The answer to {@code path}, whose read of the batch {@code waits} matches (its {@code time}th)
     * waits until this client has received {@code marker}: it could not, were the file sent whole.
     */
    private String readWhileABatchWaits(String path, String marker, Predicate<List<String>> waits, int time)
            throws Exception {
        AtomicInteger matched = new AtomicInteger();
        AtomicBoolean waiting = new AtomicBoolean();
        CountDownLatch clientSawMarker = new CountDownLatch(1);
        AtomicBoolean gaveUpWaiting = new AtomicBoolean();
        try (AutoCloseable watching = batches.watch(new StoredShelterBatches.Watch() {
            @Override
            public void reading(List<String> ids) {
                if (waits.test(ids) && matched.incrementAndGet() == time) {
                    waiting.set(true);
                    try {
                        gaveUpWaiting.set(!clientSawMarker.await(20, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        })) {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + as("ANALYST")).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (InputStream body = response.body()) {
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
                    int n = body.read(chunk);
                    assertThat(n).as(path + ": the file ended before " + marker).isPositive();
                    seen.write(chunk, 0, n);
                }
                // what came was flushed before the batch is read: that read starts now, and waits for this client
                await().atMost(Duration.ofSeconds(10)).until(waiting::get);
                assertThat(gaveUpWaiting.get()).as(path + ": the batch still waits").isFalse();
                clientSawMarker.countDown();
                seen.write(body.readAllBytes());
                assertThat(gaveUpWaiting.get()).as(path + ": the first bytes came before the batch was read").isFalse();
                return seen.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void aStoreFailureAfterTheFirstBytesBreaksTheTransferOffAndOneBeforeThemIsAProblem() throws Exception {
        String path = "/api/reports/exports/3w.csv?bom=false&donor=" + donor;
        // the last shelter's document (in the third batch) can no longer be read: a capacity that is no number
        String last = ordered.get(ordered.size() - 1);
        try (Corrupted corrupted = corrupt(last)) {
            Raw raw = raw(path, as("ANALYST"));
            assertThat(raw.head()).as("the status line was sent with the first rows").startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("Transfer-Encoding: chunked");
            assertThat(raw.body()).as("the first two batches' rows were sent").contains(ordered.get(0), ordered.get(BATCH));
            assertThat(raw.body()).doesNotContain(last).doesNotContain("problem").doesNotContain("Internal error");
            assertThat(raw.complete()).as("no last chunk: the client knows the file is incomplete").isFalse();
        }
        // the first shelter's: nothing is sent yet, so the answer is a problem document
        try (Corrupted corrupted = corrupt(ordered.get(0))) {
            HttpResponse<String> failed = request("GET", path, as("ANALYST"));
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(failed.body()).doesNotContain("Casa");
        }
        assertThat(codes(request("GET", path, as("ANALYST")).body())).as("whole again once the store is")
                .containsExactlyElementsOf(ordered);
    }

    // ------------------------------------------------------------------ helpers

    /** The shelter codes of a CSV export's rows, in order (column 4 of the 3W, 1 of shelters.csv). */
    private static List<String> codes(String csv) {
        List<String> lines = csv.lines().toList();
        int column = lines.get(1).startsWith("#org+impl+code") ? 0 : 3;
        return lines.subList(2, lines.size()).stream().map(l -> l.split(",", -1)[column])
                .filter(code -> code.startsWith("streamed-") && ordered.contains(code)).toList();
    }

    private interface Corrupted extends AutoCloseable {
        @Override
        void close();
    }

    /** The shelter's stored document made unreadable (capacity as text) until closed. */
    private Corrupted corrupt(String shelter) {
        var collection = mongo.getCollection(ShelterFold.SHELTERS.collection(generations.active()));
        Document original = collection.find(new Document("_id", shelter)).first();
        assertThat(original).as("the shelter's document").isNotNull();
        Document broken = new Document(original).append("capacity", "many");
        collection.replaceOne(new Document("_id", shelter), broken);
        return () -> collection.replaceOne(new Document("_id", shelter), original);
    }

    /** An answer as it came over the wire, until the server closed the connection. */
    private record Raw(byte[] bytes) {

        private int bodyStart() {
            for (int i = 0; i + 3 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    return i + 4;
                }
            }
            return bytes.length;
        }

        String head() {
            return new String(bytes, 0, bodyStart(), StandardCharsets.ISO_8859_1);
        }

        /** The chunked body's data, as far as it came. */
        String body() {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            int at = bodyStart();
            while (at < bytes.length) {
                int lineEnd = at;
                while (lineEnd + 1 < bytes.length && !(bytes[lineEnd] == '\r' && bytes[lineEnd + 1] == '\n')) {
                    lineEnd++;
                }
                if (lineEnd + 1 >= bytes.length) {
                    break;
                }
                int size = Integer.parseInt(new String(bytes, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
                if (size == 0) {
                    break;
                }
                int from = lineEnd + 2;
                data.write(bytes, from, Math.min(size, bytes.length - from));
                at = from + size + 2;
            }
            return data.toString(StandardCharsets.UTF_8);
        }

        /** Whether the chunked body ended with its last (empty) chunk. */
        boolean complete() {
            return new String(bytes, StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n");
        }
    }

    private Raw raw(String path, String token) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            try {
                for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                    received.write(chunk, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // an aborted transfer may end with a reset rather than a close: what came before it counts
            }
            return new Raw(received.toByteArray());
        }
    }
}
