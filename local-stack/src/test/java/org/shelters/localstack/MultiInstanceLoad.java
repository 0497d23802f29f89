package org.shelters.localstack;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A steady load of commands through the services' public HTTP APIs, sent as a client behind a
 * load balancer sends them to N instances of each service: round robin, an Idempotency-Key per
 * command, and after a connection failure, a 5xx or a 503 the same request with the same key to
 * the next instance. Each worker runs one shelter's story after another: registered, an agreement
 * drafted and signed (two commitment lines), daily arrivals with corrections, a shipment planned,
 * dispatched and delivered with part of a line rejected.
 *
 * <p>It keeps the ground truth of every command answered 2xx, and nothing else: what the reports
 * must show afterwards ({@link #expected}). Reading the reports ({@link #figures}) and comparing
 * gives the figures lost (below the truth, or missing) and doubled (above it).
 */
final class MultiInstanceLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long one command is retried across the instances (longer than the 60 s stale-claim of a key). */
    private static final Duration COMMAND_PATIENCE = Duration.ofSeconds(150);
    private static final String KITS = "HYGIENE-KIT-FAMILY";
    private static final String GLOVES = "GLOVES-NITRILE-M";
    /** Days back of the arrivals reported: in the past in Mexico's calendar too, inside the last 30 days. */
    private static final int FIRST_DAY_BACK = 2;
    private static final int DAYS = 8;

    /** One service's instances, in round robin. */
    record Service(String name, List<String> urls, AtomicInteger next) {
        Service(String name, List<String> urls) {
            this(name, List.copyOf(urls), new AtomicInteger());
        }

        int pick() {
            return Math.floorMod(next.getAndIncrement(), urls.size());
        }
    }

    static final class CommandFailed extends Exception {
        CommandFailed(String message) {
            super(message);
        }
    }

    /** What an agreement line must show: committed, accepted, rejected, in its unit. */
    private record Line(String unit, BigDecimal committed, BigDecimal accepted, BigDecimal rejected) {
    }

    private final Service agreements;
    private final Service logistics;
    private final Logins logins;
    private final String tag;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger resolved = new AtomicInteger();
    private final AtomicInteger shelterNumbers = new AtomicInteger();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    /** The ground truth: per acknowledged shelter, the arrivals of each day as last acknowledged. */
    private final Map<String, Map<LocalDate, Integer>> arrivals = new ConcurrentHashMap<>();
    /** Per agreement whose signing was acknowledged, per item code. */
    private final Map<String, Map<String, Line>> lines = new ConcurrentHashMap<>();

    MultiInstanceLoad(Service agreements, Service logistics, Logins logins, String tag) {
        this.agreements = agreements;
        this.logistics = logistics;
        this.logins = logins;
        this.tag = tag;
    }

    int acknowledged() {
        return acknowledged.get();
    }

    /** Commands that needed more than one attempt (another instance, or the same after a wait). */
    int retried() {
        return retried.get();
    }

    /** Commands whose first attempt was cut off and ran, told by the service's refusal of the repeat. */
    int resolved() {
        return resolved.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    Set<String> shelters() {
        return Set.copyOf(arrivals.keySet());
    }

    Set<String> agreementIds() {
        return Set.copyOf(lines.keySet());
    }

    /**
     * Runs {@code workers} workers, each one shelter's story after another, a {@code pace} apart
     * between commands, until {@code done} says so after a story (each story is finished), or
     * {@code limit} has passed.
     */
    void run(int workers, Duration pace, BooleanSupplier done, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            pool.submit(() -> {
                while (!stop.get()) {
                    try {
                        story(shelterNumbers.incrementAndGet(), pace);
                    } catch (CommandFailed e) {
                        failures.add(e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                    if (done.getAsBoolean() || System.nanoTime() > deadline) {
                        stop.set(true);
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(limit.toSeconds() + COMMAND_PATIENCE.toSeconds() * 2, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            failures.add("the load did not end in time");
        }
    }

    private void story(int n, Duration pace) throws CommandFailed, InterruptedException {
        String programme = "programme";
        JsonNode shelter = command(agreements, "/api/shelters", programme, Map.of("name", "Albergue Demo Carga " + tag + " " + n,
                "state", "MX-CHP", "municipality", "Tapachula", "corridor", "SOUTHERN_BORDER", "capacity", 80,
                "services", List.of("LODGING", "FOOD"), "demo", true));
        String shelterId = shelter.path("shelterId").asString();
        Map<LocalDate, Integer> days = new ConcurrentHashMap<>();
        arrivals.put(shelterId, days);
        Thread.sleep(pace.toMillis());

        int kits = 100 + 10 * (n % 7);
        int gloves = 20 + n % 5;
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("shelterId", shelterId);
        draft.put("programmeCode", "PRM-MX-" + today.getYear());
        draft.put("donor", "PRM");
        draft.put("phase", "2");
        draft.put("year", today.getYear());
        draft.put("period", Map.of("start", today.minusDays(60).toString(), "end", today.plusDays(120).toString()));
        draft.put("budget", Map.of("amount", 30_000 + 100 * n, "currency", "USD"));
        draft.put("commitments", List.of(
                Map.of("category", "HYGIENE_PRODUCTS", "itemCode", KITS, "description", "Family hygiene kit",
                        "quantity", kits, "unit", "kit"),
                Map.of("category", "MEDICAL_SUPPLIES", "itemCode", GLOVES, "description", "Nitrile gloves, medium",
                        "quantity", gloves, "unit", "box")));
        draft.put("plannedTrainings", List.of());
        draft.put("constructionWorks", List.of());
        String agreementId = command(agreements, "/api/agreements", programme, draft).path("agreementId").asString();
        Thread.sleep(pace.toMillis());
        command(agreements, "/api/agreements/" + agreementId + "/sign", programme,
                Map.of("signedOn", today.minusDays(50).toString()));
        Map<String, Line> committed = new ConcurrentHashMap<>();
        committed.put(KITS, new Line("kit", BigDecimal.valueOf(kits), BigDecimal.ZERO, BigDecimal.ZERO));
        committed.put(GLOVES, new Line("box", BigDecimal.valueOf(gloves), BigDecimal.ZERO, BigDecimal.ZERO));
        lines.put(agreementId, committed);
        Thread.sleep(pace.toMillis());

        // arrivals are the shelter's own report: admin stands in for a partner the load does not have
        for (int d = 0; d < DAYS; d++) {
            report(shelterId, today.minusDays(FIRST_DAY_BACK + d), 20 + (n * 7 + d * 3) % 40, days);
            Thread.sleep(pace.toMillis());
        }
        // corrections: the same days reported again, later, with other figures; the last one counts
        for (int d = 0; d < DAYS; d += 3) {
            report(shelterId, today.minusDays(FIRST_DAY_BACK + d), 15 + (n * 11 + d) % 50, days);
            Thread.sleep(pace.toMillis());
        }

        deliver(n, agreementId, shelterId, committed, pace);
    }

    private void report(String shelterId, LocalDate date, int total, Map<LocalDate, Integer> days)
            throws CommandFailed, InterruptedException {
        int women = total / 4;
        int girls = total / 10;
        int boys = total / 10;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", date.toString());
        body.put("arrivals", total);
        body.put("women", women);
        body.put("men", total - women - girls - boys);
        body.put("girls", girls);
        body.put("boys", boys);
        body.put("unaccompaniedChildren", 0);
        body.put("olderPersons", 1);
        body.put("reportedKidnapOrTraffickingVictims", 0);
        body.put("overnightOccupancy", Math.min(total, 80));
        command(agreements, "/api/shelters/" + shelterId + "/arrivals", "admin", body);
        days.put(date, total);
    }

    /** Plans both lines once logistics has the signed agreement, dispatches, delivers with a tenth of the kits rejected. */
    private void deliver(int n, String agreementId, String shelterId, Map<String, Line> committed, Duration pace)
            throws CommandFailed, InterruptedException {
        JsonNode replica = awaitSignedReplica(agreementId);
        Map<String, Integer> shipped = Map.of(KITS, 40 + n % 10, GLOVES, 5 + n % 3);
        List<Map<String, Object>> planned = new ArrayList<>();
        for (JsonNode line : replica.path("lines")) {
            String item = line.path("itemCode").asString();
            planned.add(Map.of("commitmentLineId", line.path("commitmentLineId").asString(),
                    "category", line.path("category").asString(), "itemCode", item,
                    "quantity", shipped.get(item), "unit", line.path("unit").asString()));
        }
        LocalDate plannedDate = today.minusDays(5);
        JsonNode shipment = command(logistics, "/api/shipments", "logistics", Map.of("agreementId", agreementId,
                "shelterId", shelterId, "plannedDate", plannedDate.toString(), "lines", planned));
        String shipmentId = shipment.path("shipmentId").asString();
        Thread.sleep(pace.toMillis());
        command(logistics, "/api/shipments/" + shipmentId + "/dispatch", "logistics", Map.of("carrier", "Estafeta",
                "waybill", "WB-LOAD-" + tag + "-" + n, "dispatchedAt", plannedDate.atTime(8, 30).toInstant(ZoneOffset.UTC).toString()));
        Thread.sleep(pace.toMillis());
        List<Map<String, Object>> received = new ArrayList<>();
        Map<String, BigDecimal[]> outcome = new LinkedHashMap<>();
        for (JsonNode line : shipment.path("lines")) {
            String item = line.path("itemCode").asString();
            BigDecimal quantity = line.path("quantity").decimalValue();
            BigDecimal rejected = item.equals(KITS) ? BigDecimal.valueOf(4) : BigDecimal.ZERO;
            Map<String, Object> receipt = new LinkedHashMap<>();
            receipt.put("lineId", line.path("lineId").asString());
            receipt.put("quantityAccepted", quantity.subtract(rejected));
            receipt.put("quantityRejected", rejected);
            if (rejected.signum() > 0) {
                receipt.put("rejectionReason", "DAMAGED");
            }
            received.add(receipt);
            outcome.put(item, new BigDecimal[] {quantity.subtract(rejected), rejected});
        }
        command(logistics, "/api/shipments/" + shipmentId + "/deliver", "logistics", Map.of(
                "receivedAt", plannedDate.plusDays(1).atTime(11, 0).toInstant(ZoneOffset.UTC).toString(),
                "receivedByRole", "shelter coordinator", "lines", received));
        outcome.forEach((item, quantities) -> committed.computeIfPresent(item, (k, line) ->
                new Line(line.unit(), line.committed(), line.accepted().add(quantities[0]), line.rejected().add(quantities[1]))));
    }

    private JsonNode awaitSignedReplica(String agreementId) throws CommandFailed, InterruptedException {
        long deadline = System.nanoTime() + COMMAND_PATIENCE.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            int instance = logistics.pick();
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(logistics.urls().get(instance)
                        + "/api/agreements/" + agreementId + "/outstanding")).GET(), "logistics");
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    JsonNode replica = JSON.readTree(response.body());
                    if ("SIGNED".equals(replica.path("status").asString())) {
                        return replica;
                    }
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new CommandFailed("logistics never had agreement " + agreementId + " signed: " + last);
    }

    /**
     * POSTs {@code body} as {@code user} with one Idempotency-Key: to the next instance in round
     * robin, and after a failure that says "try again" to the next one, with the same key, until
     * a 2xx or {@link #COMMAND_PATIENCE}.
     *
     * <p>An attempt cut off with its instance (the connection reset, not refused) may have run:
     * the retry then waits out the key's claim (409 {@code idempotency-key-in-use}, until it goes
     * stale) and runs again, and the service's own rules refuse what the first run already did
     * (README, "Known limits"): a create is {@code already-exists} naming its id, which is then
     * read back; a transition is refused as done. Such a command counts as acknowledged: the
     * client knows its outcome.
     */
    private JsonNode command(Service service, String path, String user, Object body) throws CommandFailed, InterruptedException {
        String key = UUID.randomUUID().toString();
        String payload = JSON.writeValueAsString(body);
        long deadline = System.nanoTime() + COMMAND_PATIENCE.toNanos();
        int instance = service.pick();
        String last = "nothing";
        boolean inDoubt = false;
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            String url = service.urls().get(instance) + path;
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(payload)), user);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    acknowledged.incrementAndGet();
                    if (attempt > 0) {
                        retried.incrementAndGet();
                    }
                    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
                }
                last = status + " " + response.body();
                if (status == 429) {
                    Thread.sleep(retryAfterSeconds(response).orElse(1L) * 1_000);
                    continue;
                }
                String problem = status == 409 ? problemType(response.body()) : "";
                if (inDoubt && ALREADY_DONE.contains(problem)) {
                    acknowledged.incrementAndGet();
                    retried.incrementAndGet();
                    resolved.incrementAndGet();
                    Matcher id = QUOTED_ID.matcher(JSON.readTree(response.body()).path("detail").asString());
                    return CREATED.contains(problem) && id.find() ? read(service, path + "/" + id.group(1), user)
                            : JSON.createObjectNode();
                }
                // 409 otherwise: the key is still claimed by an attempt cut off with its instance, a version
                // conflict, or logistics has not consumed the signing yet; each answers the same request later
                if (status < 500 && status != 409) {
                    throw new CommandFailed("POST " + url + " as " + user + " -> " + last);
                }
            } catch (ConnectException refused) {
                last = refused.toString();   // the instance is gone (killed) or not yet back: nothing was sent
            } catch (IOException e) {
                last = e.toString();   // cut off: it may have run
                inDoubt = true;
            }
            instance = (instance + 1) % service.urls().size();
            Thread.sleep(attempt < 3 ? 100 : 500);
        }
        throw new CommandFailed("POST " + service.name() + path + " as " + user + " was never accepted: " + last);
    }

    private static final Set<String> CREATED = Set.of("already-exists", "shelter-already-registered");
    private static final Set<String> ALREADY_DONE = Set.of("already-exists", "shelter-already-registered", "already-signed",
            "illegal-transition", "already-delivered");
    private static final Pattern QUOTED_ID = Pattern.compile("'([^']+)'");

    /** The last part of a problem document's type, e.g. {@code already-exists}. */
    private static String problemType(String body) {
        try {
            String type = JSON.readTree(body).path("type").asString();
            return type.substring(type.lastIndexOf(':') + 1);
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    /** GETs {@code path} from any instance of {@code service}. */
    private JsonNode read(Service service, String path, String user) throws CommandFailed, InterruptedException {
        long deadline = System.nanoTime() + COMMAND_PATIENCE.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = get(service.urls().get(service.pick()) + path, user);
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new CommandFailed("GET " + service.name() + path + " as " + user + ": " + last);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String user) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + logins.token(user)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<Long> retryAfterSeconds(HttpResponse<String> response) {
        try {
            return response.headers().firstValue("Retry-After").map(String::trim).map(Long::parseLong).map(s -> Math.max(1, s));
        } catch (NumberFormatException e) {
            return Optional.of(1L);
        }
    }

    /**
     * What the reports must show after the load, given {@code before} (the figures of
     * {@link #figures} read before it): each shelter's arrivals over the last 30 days, each
     * agreement line's committed, accepted and rejected, and the programme's people received and
     * quantities per unit, which add the load to what was there.
     */
    Map<String, BigDecimal> expected(Map<String, BigDecimal> before) {
        Map<String, BigDecimal> expected = new TreeMap<>();
        long people = 0;
        for (Map.Entry<String, Map<LocalDate, Integer>> shelter : arrivals.entrySet()) {
            long total = shelter.getValue().values().stream().mapToLong(Integer::longValue).sum();
            expected.put("shelter " + shelter.getKey() + " arrivals (30 days)", BigDecimal.valueOf(total));
            people += total;
        }
        Map<String, BigDecimal> programme = new TreeMap<>();
        for (Map.Entry<String, Map<String, Line>> agreement : lines.entrySet()) {
            for (Map.Entry<String, Line> line : agreement.getValue().entrySet()) {
                String key = "agreement " + agreement.getKey() + " " + line.getKey();
                Line l = line.getValue();
                expected.put(key + " committed", l.committed());
                expected.put(key + " accepted", l.accepted());
                expected.put(key + " rejected", l.rejected());
                programme.merge("programme " + l.unit() + " committed", l.committed(), BigDecimal::add);
                programme.merge("programme " + l.unit() + " accepted", l.accepted(), BigDecimal::add);
                programme.merge("programme " + l.unit() + " rejected", l.rejected(), BigDecimal::add);
            }
        }
        programme.put("programme people received", BigDecimal.valueOf(people));
        programme.forEach((key, value) -> expected.put(key, before.getOrDefault(key, BigDecimal.ZERO).add(value)));
        return expected;
    }

    /**
     * The figures the ground truth is about, read through one reporting instance's API as {@code
     * user}: the load's shelters and agreements (a shelter or line not there is left out: lost),
     * and the programme totals.
     */
    Map<String, BigDecimal> figures(String reporting, String user) throws IOException, InterruptedException {
        Map<String, BigDecimal> figures = new TreeMap<>();
        for (String shelterId : arrivals.keySet()) {
            HttpResponse<String> response = get(reporting + "/api/reports/shelters/" + shelterId, user);
            if (response.statusCode() == 200) {
                figures.put("shelter " + shelterId + " arrivals (30 days)",
                        JSON.readTree(response.body()).path("data").path("arrivals").path("last30Days").path("arrivals").decimalValue());
            }
        }
        for (String agreementId : lines.keySet()) {
            HttpResponse<String> response = get(reporting + "/api/reports/agreements/" + agreementId + "/fulfilment", user);
            if (response.statusCode() == 200) {
                for (JsonNode line : JSON.readTree(response.body()).path("data").path("lines")) {
                    String key = "agreement " + agreementId + " " + line.path("itemCode").asString();
                    for (String column : List.of("committed", "accepted", "rejected")) {
                        figures.put(key + " " + column, line.path(column).decimalValue());
                    }
                }
            }
        }
        figures.putAll(programme(reporting, user));
        return figures;
    }

    /** The programme totals through {@code reporting}: people received, and per unit committed, accepted and rejected. */
    Map<String, BigDecimal> programme(String reporting, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = get(reporting + "/api/reports/programme", user);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // 503: the store or the issuer's keys (fetched on the first token after a start) not reachable just now
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            response = get(reporting + "/api/reports/programme", user);
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + reporting + "/api/reports/programme -> " + response.statusCode() + " " + response.body());
        }
        JsonNode totals = JSON.readTree(response.body()).path("data").path("totals");
        Map<String, BigDecimal> figures = new TreeMap<>();
        figures.put("programme people received", totals.path("peopleReceived").isNumber()
                ? totals.path("peopleReceived").decimalValue() : BigDecimal.ZERO);
        for (JsonNode quantity : totals.path("quantities")) {
            for (String column : List.of("committed", "accepted", "rejected")) {
                figures.put("programme " + quantity.path("unit").asString() + " " + column, quantity.path(column).decimalValue());
            }
        }
        return figures;
    }

    private HttpResponse<String> get(String url, String user) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), user);
    }

    /** Figures below the truth or missing, and above it: {lost, doubled}, each with the figures named. */
    static Comparison compare(Map<String, BigDecimal> expected, Map<String, BigDecimal> actual) {
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        expected.forEach((key, value) -> {
            BigDecimal shown = actual.get(key);
            if (shown == null || shown.compareTo(value) < 0) {
                lost.add(key + ": " + shown + " instead of " + value);
            } else if (shown.compareTo(value) > 0) {
                doubled.add(key + ": " + shown + " instead of " + value);
            }
        });
        return new Comparison(lost, doubled);
    }

    record Comparison(List<String> lost, List<String> doubled) {
        boolean exact() {
            return lost.isEmpty() && doubled.isEmpty();
        }
    }
}
